package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.Backoff;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnqueueParametersTest {

    private static EnqueueParameters delay(String delay) {
        return new EnqueueParameters(delay, null, null, null, null, null);
    }

    @Test
    void no_parameters_change_nothing() {
        JobOptions options = new EnqueueParameters(null, null, null, null, null, null).toOptions();
        assertThat(options.delay()).isEmpty();
        assertThat(options.queue()).isEmpty();
        assertThat(options.maxRetries()).isEmpty();
    }

    @Test
    void every_parameter_becomes_its_option() {
        JobOptions options = new EnqueueParameters(null, "2030-01-01T00:00:00Z", "mail", "7", "unlimited", "fixed(30s)")
                .toOptions();
        assertThat(options.runAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(options.queue()).contains("mail");
        assertThat(options.priority()).contains(7);
        assertThat(options.maxRetries()).contains(JobOptions.UNLIMITED);
        assertThat(options.backoff()).contains(Backoff.parse("fixed(30s)"));
        assertThat(delay("90s").toOptions().delay()).contains(Duration.ofSeconds(90));
    }

    @Test
    void each_refusal_names_its_parameter() {
        assertRefused(delay("soon"), "delay");
        assertRefused(delay("-5s"), "delay");
        assertRefused(new EnqueueParameters("5s", "2030-01-01T00:00:00Z", null, null, null, null), "runAt");
        assertRefused(new EnqueueParameters(null, "tomorrow", null, null, null, null), "runAt");
        assertRefused(new EnqueueParameters(null, null, "a b", null, null, null), "queue");
        assertRefused(new EnqueueParameters(null, null, "x';DROP TABLE eejobs_job;--", null, null, null), "queue");
        assertRefused(new EnqueueParameters(null, null, null, "high", null, null), "priority");
        assertRefused(new EnqueueParameters(null, null, null, null, "-7", null), "maxRetries");
        assertRefused(new EnqueueParameters(null, null, null, null, "many", null), "maxRetries");
        assertRefused(new EnqueueParameters(null, null, null, null, null, "sometimes"), "backoff");
    }

    private static EnqueueParameters runAt(String runAt) {
        return new EnqueueParameters(null, runAt, null, null, null, null);
    }

    @Test
    void run_at_times_at_the_bounds_are_taken_as_sent() {
        assertThat(runAt("1970-01-01T00:00:00Z").toOptions().runAt()).contains(Instant.EPOCH);
        assertThat(runAt("9999-12-31T23:59:59.999999Z").toOptions().runAt())
                .contains(Instant.parse("9999-12-31T23:59:59.999999Z"));
    }

    /** The values of the hostile run: each was stored altered or answered 500. */
    @Test
    void out_of_range_times_and_durations_are_refused_naming_their_parameter() {
        for (String t : new String[] {"-999999999-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z", "2030-01-01T00:00:00.123456789Z"}) {
            assertRefused(runAt(t), "runAt");
        }
        for (String d : new String[] {"9223372036854775807s", "106751991167300d", "PT2562047788015215H", "999999999999d",
            "9223372036854775807ms", "36501d"}) {
            assertRefused(delay(d), "delay");
        }
        assertRefused(new EnqueueParameters(null, null, null, null, null, "fixed(999999999999d)"), "backoff");
        assertRefused(new EnqueueParameters(null, null, null, "99999999999", null, null), "priority");
    }

    private static void assertRefused(EnqueueParameters parameters, String field) {
        assertThatThrownBy(parameters::toOptions).as(parameters.toString())
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
