package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void credentials_in_base64_are_well_formed_whatever_their_user_or_password() {
        assertThat(BasicCredentials.malformed(basic("demo:demo"))).isFalse();
        assertThat(BasicCredentials.malformed(basic("demo:"))).isFalse();
        assertThat(BasicCredentials.malformed(basic("nobody:wrong:colon"))).isFalse();
        assertThat(BasicCredentials.malformed("bAsIc " + basic("demo:demo").substring(6))).isFalse();
    }

    @Test
    void basic_credentials_that_are_not_base64_of_user_and_password_are_malformed() {
        assertThat(BasicCredentials.malformed("Basic demo:guess")).isTrue();
        assertThat(BasicCredentials.malformed("Basic %%%")).isTrue();
        assertThat(BasicCredentials.malformed("Basic " + Base64.getEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(BasicCredentials.malformed("Basic ")).isTrue();
    }

    @Test
    void other_schemes_and_no_header_are_not_basic_credentials_at_all() {
        assertThat(BasicCredentials.malformed(null)).isFalse();
        assertThat(BasicCredentials.malformed("Bearer x")).isFalse();
        assertThat(BasicCredentials.malformed("Basic")).isFalse();
        assertThat(BasicCredentials.malformed("Digest username=demo")).isFalse();
    }
}
