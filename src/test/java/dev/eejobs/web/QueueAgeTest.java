package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueAgeTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:10.250Z");

    @Test
    void the_age_is_seconds_to_the_millisecond_and_zero_for_a_time_not_yet_passed() {
        assertThat(QueueResource.ageSeconds(Instant.parse("2030-01-01T00:00:00Z"), NOW)).isEqualTo(10.25);
        assertThat(QueueResource.ageSeconds(NOW.plusSeconds(5), NOW)).isZero();
        assertThat(QueueResource.ageSeconds(null, NOW)).isNull();
    }

    /** A row from before any bound (PostgreSQL's -infinity reads as the earliest instant) must not break the view. */
    @Test
    void a_run_at_at_the_start_of_time_gives_an_age_instead_of_an_overflow() {
        assertThat(QueueResource.ageSeconds(Instant.MIN, NOW)).isGreaterThan(3e16);
        assertThat(QueueResource.ageSeconds(Instant.MIN, Instant.MAX)).isPositive();
    }
}
