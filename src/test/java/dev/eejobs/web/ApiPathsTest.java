package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Telling the API's request URIs from the application's own, as the error pages must. */
class ApiPathsTest {

    @Test
    void request_uris_under_the_api_are_recognised_and_others_are_not() {
        assertThat(ApiPaths.contains("/shop", "/shop/jobs-api/jobs/1")).isTrue();
        assertThat(ApiPaths.contains("/shop", "/shop/jobs-api")).isTrue();
        assertThat(ApiPaths.contains("/shop", "/shop/jobs-apis")).isFalse();
        assertThat(ApiPaths.contains("/shop", "/shop/api/orders")).isFalse();
    }

    @Test
    void request_uris_are_compared_as_the_container_maps_them() {
        assertThat(ApiPaths.contains("", "/jobs-api;x=1/queues")).isTrue();
        assertThat(ApiPaths.contains("/shop", "/shop;jsessionid=1/jobs-api;a=b;c=d/jobs/1;v=2")).isTrue();
        assertThat(ApiPaths.contains("", "/%6Aobs-api/queues")).isTrue();
        assertThat(ApiPaths.contains("", "/jobs-api%2Fqueues")).isFalse(); // kept as one segment, as Undertow keeps it by default
        assertThat(ApiPaths.contains("", "/jobs-apis;x=1/queues")).isFalse();
        assertThat(ApiPaths.contains("", "/%zz/jobs-api")).isFalse();
        assertThat(ApiPaths.contains("", "//jobs-api/queues")).isTrue();
        assertThat(ApiPaths.contains("", "/./jobs-api/queues")).isTrue();
        assertThat(ApiPaths.contains("", "/x/../jobs-api/queues")).isTrue();
        assertThat(ApiPaths.contains("", "/%2e/jobs-api/queues")).isTrue();
        assertThat(ApiPaths.contains("", "/jobs-api/../queues")).isFalse();
        assertThat(ApiPaths.contains("/shop", "/jobs-api/queues")).isFalse();
    }

    @Test
    void a_uri_is_mapped_segment_by_segment_and_bad_escapes_are_left_as_sent() {
        assertThat(ApiPaths.asMapped("/a%2/b%zz/%C3%A9")).isEqualTo("/a%2/b%zz/é");
        assertThat(ApiPaths.asMapped("/a/b/")).isEqualTo("/a/b/");
        assertThat(ApiPaths.asMapped("/")).isEqualTo("/");
        assertThat(ApiPaths.asMapped("/a+b/%F0%9F%98%80")).isEqualTo("/a+b/\uD83D\uDE00");
    }
}
