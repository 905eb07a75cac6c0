package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.api.JobOptions;
import dev.eejobs.store.ClaimedJob;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ClaimedJob afterAttempt(int attempts, int maxRetries) {
        return new ClaimedJob(1, "t", "q", "{}", attempts, maxRetries, "exponential(2)", 5000, "tok", NOW);
    }

    @Test
    void zero_retries_means_the_first_failure_is_final() {
        assertThat(RetryPolicy.nextRunAt(afterAttempt(1, 0), NOW, 0)).isNull();
    }

    @Test
    void max_retries_n_allows_n_plus_one_attempts() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(RetryPolicy.nextRunAt(afterAttempt(attempt, 5), NOW, 0))
                    .as("after attempt %d", attempt)
                    .isEqualTo(NOW.plusSeconds(1L << attempt));
        }
        assertThat(RetryPolicy.nextRunAt(afterAttempt(6, 5), NOW, 0)).isNull();
    }

    @Test
    void unlimited_retries_never_die_and_never_overflow() {
        assertThat(RetryPolicy.nextRunAt(afterAttempt(1_000_000, JobOptions.UNLIMITED), NOW, 0)).isAfter(NOW);
    }
}
