package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrefetchTest {

    private static void runMany(Prefetch prefetch, Duration each) {
        for (int i = 0; i < 100; i++) {
            prefetch.fold(each.toNanos());
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

    @Test
    void one_long_run_after_many_short_ones_stops_prefetching_when_it_ends() {
        MutableClock clock = new MutableClock(java.time.Instant.EPOCH);
        Prefetch prefetch = new Prefetch(4, 16, clock.ticker());
        runMany(prefetch, Duration.ofMillis(1));
        assertThat(prefetch.current()).isEqualTo(16);
        long run = prefetch.started();
        clock.advance(Duration.ofSeconds(3));
        prefetch.ran(run);
        assertThat(prefetch.current()).as("after a single 3 s job").isZero();
    }

    @Test
    void a_run_still_in_progress_counts_with_its_age_so_far() {
        MutableClock clock = new MutableClock(java.time.Instant.EPOCH);
        Prefetch prefetch = new Prefetch(4, 16, clock.ticker());
        runMany(prefetch, Duration.ofMillis(1));
        long run = prefetch.started();
        clock.advance(Duration.ofMillis(10));
        assertThat(prefetch.current()).as("10 ms in: still 5 per worker fit the window").isEqualTo(16);
        clock.advance(Duration.ofMillis(190));
        assertThat(prefetch.current()).as("200 ms in, before the job ends").isZero();
        prefetch.ran(run);
        assertThat(prefetch.current()).isLessThan(4);
    }
}
