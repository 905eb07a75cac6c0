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
}
