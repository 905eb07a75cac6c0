package dev.eejobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every time value the Java API takes is within the documented bounds or refused naming its field. */
class TimeLimitsTest {

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidJobException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void run_at_times_from_1970_to_9999_are_kept_exactly() {
        for (Instant t : List.of(TimeLimits.EARLIEST_RUN_AT, TimeLimits.LATEST_RUN_AT,
                Instant.parse("2030-01-01T00:00:00.123456Z"))) {
            assertThat(JobOptions.defaults().runAt(t).runAt()).contains(t);
        }
    }

    @Test
    void run_at_times_outside_1970_to_9999_are_refused_naming_run_at() {
        for (Instant t : List.of(Instant.MIN, Instant.parse("-5000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.9999991Z"), Instant.MAX)) {
            assertRefused(() -> JobOptions.defaults().runAt(t), "runAt");
        }
        assertRefused(() -> JobOptions.defaults().runAt(null), "runAt");
    }

    /** A clock's nanoseconds are noise the databases cannot keep; rounding up keeps "never before". */
    @Test
    void digits_below_a_microsecond_round_up_to_the_next_microsecond() {
        Instant t = Instant.parse("2030-01-01T00:00:00.123456001Z");
        assertThat(JobOptions.defaults().runAt(t).runAt()).contains(Instant.parse("2030-01-01T00:00:00.123457Z"));
    }

    @Test
    void delays_from_zero_to_100_years_are_accepted_and_longer_or_negative_ones_refused() {
        assertThat(JobOptions.defaults().delay(Duration.ZERO).delay()).contains(Duration.ZERO);
        assertThat(JobOptions.defaults().delay(TimeLimits.MAX_DURATION).delay()).contains(Duration.ofDays(36_500));
        assertRefused(() -> JobOptions.defaults().delay(TimeLimits.MAX_DURATION.plusNanos(1)), "delay");
        assertRefused(() -> JobOptions.defaults().delay(Duration.ofSeconds(Long.MAX_VALUE)), "delay");
        assertRefused(() -> JobOptions.defaults().delay(Duration.ofNanos(-1)), "delay");
        assertRefused(() -> JobOptions.defaults().delay(null), "delay");
    }

    @Test
    void heartbeats_are_whole_milliseconds_from_100ms_to_a_day() {
        assertThat(JobOptions.defaults().heartbeat(Duration.ofMillis(100)).heartbeat()).contains(Duration.ofMillis(100));
        assertThat(JobOptions.defaults().heartbeat(Duration.ofDays(1)).heartbeat()).contains(Duration.ofDays(1));
        assertRefused(() -> JobOptions.defaults().heartbeat(Duration.ofMillis(99)), "heartbeat");
        assertRefused(() -> JobOptions.defaults().heartbeat(Duration.ofDays(1).plusMillis(1)), "heartbeat");
        assertRefused(() -> JobOptions.defaults().heartbeat(Duration.ofNanos(100_000_001)), "heartbeat");
    }

    @Test
    void schedule_intervals_are_whole_milliseconds_from_1s_to_100_years() {
        assertThat(TimeLimits.interval("every", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(TimeLimits.interval("every", TimeLimits.MAX_DURATION)).isEqualTo(TimeLimits.MAX_DURATION);
        assertRefused(() -> TimeLimits.interval("every", Duration.ofMillis(999)), "every");
        assertRefused(() -> TimeLimits.interval("every", Duration.ofDays(999_999_999_999L)), "every");
        assertRefused(() -> TimeLimits.interval("every", Duration.ofMillis(1500).plusNanos(1)), "every");
    }

    @Test
    void duration_text_up_to_100_years_reads_and_anything_larger_is_refused_without_overflow() {
        assertThat(DurationText.parse("delay", "36500d")).isEqualTo(TimeLimits.MAX_DURATION);
        assertThat(DurationText.parse("delay", "PT876000H")).isEqualTo(TimeLimits.MAX_DURATION);
        for (String text : List.of("36501d", "9223372036854775807s", "106751991167300d", "PT2562047788015215H",
                "999999999999d", "9223372036854775807ms", "99999999999999999999999s", "PT-5S", "-5s", "soon", "")) {
            assertThatThrownBy(() -> DurationText.parse("delay", text)).as(text)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("delay"));
        }
        assertThatThrownBy(() -> DurationText.parse("delay", "999999999999d")).hasMessageContaining("at most 36500d");
    }

    @Test
    void any_duration_formats_as_text_without_overflow_and_reads_back() {
        for (Duration d : List.of(Duration.ZERO, Duration.ofMillis(1500), Duration.ofDays(36_500), Duration.ofNanos(1),
                Duration.ofSeconds(Long.MAX_VALUE / 1000, 999_000_000))) {
            String text = DurationText.format(d);
            if (d.compareTo(TimeLimits.MAX_DURATION) <= 0) {
                assertThat(DurationText.parse("x", text)).as(text).isEqualTo(d);
            }
        }
        assertThat(DurationText.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isNotEmpty();
        assertThat(DurationText.format(Duration.ofSeconds(Long.MIN_VALUE))).isNotEmpty();
    }

    @Test
    void backoff_durations_and_caps_beyond_100_years_are_refused_naming_backoff() {
        for (String text : List.of("fixed(999999999999d)", "linear(36501d)", "exponential(2, cap=36501d)",
                "exponential(1e400)", "exponential(NaN)", "exponential(Infinity)", "exponential(0x10)",
                "fixed(1s, jitter=1d)", "fixed(" + "1".repeat(300) + "s)")) {
            assertThatThrownBy(() -> Backoff.parse(text)).as(text)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("backoff"));
        }
        assertThat(Backoff.parse("fixed(36500d, cap=36500d)").delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(36_500));
    }

    @Test
    void a_backoff_is_stored_as_text_that_reads_back_as_the_same_backoff() {
        for (String text : List.of("exponential(1e300)", "exponential(1.5, cap=PT0.000000001S, jitter=0.123456789)",
                "linear(36500d)", "fixed(1ms)")) {
            Backoff b = Backoff.parse(text);
            assertThat(Backoff.parse(b.toString())).as(text).isEqualTo(b);
            assertThat(b.toString().length()).isLessThanOrEqualTo(200);
        }
        assertThat(Backoff.parse("exponential(1e300)").toString()).isEqualTo("exponential(1.0E300)");
    }
}
