package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiPathsTest {

    @Test
    void the_api_segment_is_found_with_or_without_a_context_path_in_front() {
        assertThat(OpenApiPaths.apiSegment("/jobs-api/jobs")).isZero();
        assertThat(OpenApiPaths.apiSegment("/shop/jobs-api/jobs/{id}")).isEqualTo(5);
        assertThat(OpenApiPaths.apiSegment("/jobs-api")).isZero();
    }

    @Test
    void a_path_that_only_starts_like_the_api_is_left_alone() {
        assertThat(OpenApiPaths.apiSegment("/jobs-apis/orders")).isEqualTo(-1);
        assertThat(OpenApiPaths.apiSegment("/orders")).isEqualTo(-1);
    }

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
        assertThat(ApiPaths.contains("", "/jobs-api%2Fqueues")).isFalse(); // one segment, not the API's
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
    void escapes_that_are_not_valid_are_left_as_sent() {
        assertThat(ApiPaths.asMapped("/a%2/b%zz/%C3%A9")).isEqualTo("/a%2/b%zz/é");
        assertThat(ApiPaths.asMapped("/a/b/")).isEqualTo("/a/b/");
        assertThat(ApiPaths.asMapped("/")).isEqualTo("/");
    }
}
