package dev.eejobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

    @Test
    void default_exponential_waits_2_4_8_16_32_seconds() {
        Backoff b = Backoff.exponential(2);
        assertThat(new long[] {
            b.delayAfter(1).getSeconds(), b.delayAfter(2).getSeconds(), b.delayAfter(3).getSeconds(),
            b.delayAfter(4).getSeconds(), b.delayAfter(5).getSeconds()})
                .containsExactly(2, 4, 8, 16, 32);
    }

    @Test
    void fixed_waits_the_same_after_every_failure() {
        Backoff b = Backoff.fixed(Duration.ofSeconds(30));
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void linear_grows_by_one_step_per_failure() {
        Backoff b = Backoff.linear(Duration.ofSeconds(10));
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delayAfter(3)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void cap_bounds_every_kind() {
        assertThat(Backoff.exponential(2).withCap(Duration.ofSeconds(10)).delayAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.linear(Duration.ofSeconds(10)).withCap(Duration.ofSeconds(25)).delayAfter(3))
                .isEqualTo(Duration.ofSeconds(25));
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 1_000, 100_000, Integer.MAX_VALUE})
    void no_overflow_at_any_failure_count(int failures) {
        assertThat(Backoff.exponential(2).delayAfter(failures)).isEqualTo(Backoff.CEILING);
        assertThat(Backoff.exponential(2).withCap(Duration.ofHours(1)).delayAfter(failures)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.linear(Duration.ofDays(1)).delayAfter(failures)).isLessThanOrEqualTo(Backoff.CEILING);
        assertThat(Backoff.exponential(2).withJitter(0.5).delayAfter(failures, 0.99)).isPositive();
    }

    @Test
    void jitter_spreads_the_delay_below_the_nominal_value() {
        Backoff b = Backoff.fixed(Duration.ofSeconds(10)).withJitter(0.2);
        assertThat(b.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(9));
        assertThat(b.delayAfter(1, 0.999999)).isGreaterThan(Duration.ofSeconds(8));
    }

    @Test
    void text_form_reads_back_to_an_equal_backoff() {
        for (String text : new String[] {"exponential(2)", "fixed(30s)", "linear(500ms, cap=1m)",
            "exponential(1.5, cap=10m, jitter=0.1)"}) {
            Backoff parsed = Backoff.parse(text);
            assertThat(parsed.toString()).isEqualTo(text);
            assertThat(Backoff.parse(parsed.toString())).isEqualTo(parsed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exponential", "exponential(x)", "fixed(10 parsecs)", "squared(2)",
        "exponential(0.5)", "fixed(1s, jitter=2)", "fixed(1s, colour=red)"})
    void bad_text_is_refused_naming_the_backoff_field(String text) {
        assertThatThrownBy(() -> Backoff.parse(text))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("backoff"));
    }
}
