package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    private static String refusal(String fetchSite, String origin, String referer, String marker) {
        return CrossSiteCheck.refusal(fetchSite, origin, referer, null, marker, "jobs.example:8080", null);
    }

    @Test
    void a_client_that_sends_no_browser_headers_is_left_alone() {
        assertThat(CrossSiteCheck.refusal(null, null, null, null, null, "jobs.example", null)).isNull();
    }

    @Test
    void a_browser_call_without_the_header_is_refused_whatever_its_origin() {
        assertThat(refusal("same-origin", "http://jobs.example:8080", null, null)).contains("X-Jobs-Request");
        assertThat(refusal("cross-site", "http://evil.example", null, null)).contains("X-Jobs-Request");
        assertThat(CrossSiteCheck.refusal(null, null, null, "JSESSIONID=1", null, "jobs.example", null)).isNotNull();
    }

    @Test
    void the_header_from_another_origin_is_refused() {
        assertThat(refusal("cross-site", null, null, "1")).contains("Sec-Fetch-Site");
        assertThat(refusal("same-site", "http://jobs.example:9090", null, "1")).isNotNull();
        assertThat(refusal(null, "http://evil.example", null, "1")).contains("evil.example");
        assertThat(refusal(null, null, "https://evil.example/page", "1")).contains("evil.example");
        assertThat(refusal(null, "null", null, "1")).contains("opaque");
    }

    @Test
    void the_header_from_the_same_origin_passes_also_behind_a_proxy() {
        assertThat(refusal("same-origin", "http://jobs.example:8080", null, "1")).isNull();
        assertThat(refusal(null, null, "http://jobs.example:8080/jobs-ui/", "1")).isNull();
        assertThat(CrossSiteCheck.refusal("same-origin", "https://jobs.example", null, null, "1", "internal:8080",
                "jobs.example")).isNull();
        assertThat(CrossSiteCheck.refusal(null, "https://jobs.example", null, null, "1", "jobs.example", null)).isNull();
    }

    @Test
    void authorities_are_written_as_browsers_write_the_host_header() {
        assertThat(CrossSiteCheck.authority("https://jobs.example:443/x")).isEqualTo("jobs.example");
        assertThat(CrossSiteCheck.authority("http://jobs.example:8080")).isEqualTo("jobs.example:8080");
        assertThat(CrossSiteCheck.authority("not a url")).isNull();
    }
}
