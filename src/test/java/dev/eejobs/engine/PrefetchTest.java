package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrefetchTest {

    private static void runMany(Prefetch prefetch, Duration each) {
        for (int i = 0; i < 100; i++) {
            prefetch.ran(each.toNanos());
        }
    }

    @Test
    void before_any_job_ran_one_job_per_worker_may_wait() {
        assertThat(new Prefetch(16, 64).current()).isEqualTo(16);
    }

    @Test
    void short_jobs_use_the_whole_cap() {
        Prefetch prefetch = new Prefetch(16, 64);
        runMany(prefetch, Duration.ofNanos(100_000));
        assertThat(prefetch.current()).isEqualTo(64);
    }

    @Test
    void jobs_of_a_tenth_of_the_window_keep_about_ten_waiting_per_worker_within_the_cap() {
        Prefetch prefetch = new Prefetch(4, 100);
        runMany(prefetch, Duration.ofMillis(5));
        assertThat(prefetch.current()).isBetween(36, 40);
    }

    @Test
    void long_jobs_keep_nothing_waiting_and_recover_when_jobs_get_short_again() {
        Prefetch prefetch = new Prefetch(16, 64);
        runMany(prefetch, Duration.ofSeconds(10));
        assertThat(prefetch.current()).isZero();
        runMany(prefetch, Duration.ofNanos(50_000));
        assertThat(prefetch.current()).as("a hundred short jobs later").isGreaterThan(16);
        runMany(prefetch, Duration.ofNanos(50_000));
        assertThat(prefetch.current()).isEqualTo(64);
    }
}
