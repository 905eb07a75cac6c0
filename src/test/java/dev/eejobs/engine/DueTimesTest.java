package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** When a fetcher looks again for jobs this node stored not yet due. */
class DueTimesTest {

    @Test
    void the_first_time_is_the_earliest_added_and_a_look_at_it_or_later_forgets_it() {
        DueTimes times = new DueTimes();
        assertThat(times.millisUntilNext(1_000)).isEqualTo(-1);
        assertThat(times.add(new long[] {1_500, 1_200, 1_900})).isTrue();
        assertThat(times.add(new long[] {1_600})).isFalse(); // not sooner: a waiting fetcher need not wake
        assertThat(times.add(new long[] {1_100})).isTrue();
        times.lookedAt(1_100);
        assertThat(times.millisUntilNext(1_000)).isEqualTo(200);
        assertThat(times.millisUntilNext(1_300)).isZero(); // come already: look at once

        times.lookedAt(1_500); // a claim at 1,500 saw the jobs due at 1,200 and at 1,500
        assertThat(times.millisUntilNext(1_500)).isEqualTo(100);
        times.lookedAt(1_600);
        assertThat(times.millisUntilNext(1_500)).isEqualTo(400);
        times.lookedAt(1_899);
        assertThat(times.millisUntilNext(1_500)).isEqualTo(400);
        times.lookedAt(1_900);
        assertThat(times.millisUntilNext(1_900)).isEqualTo(-1);
    }

    @Test
    void beyond_the_cap_the_earliest_times_are_kept_even_when_added_last() {
        DueTimes times = new DueTimes();
        times.add(LongStream.range(0, DueTimes.CAP).map(i -> 10_000 + i).toArray());
        times.add(new long[] {50_000, 500}); // one later than all kept, one earlier
        assertThat(times.millisUntilNext(0)).isEqualTo(500);

        times.lookedAt(500);
        assertThat(times.millisUntilNext(0)).isEqualTo(10_000);
        times.lookedAt(10_000 + DueTimes.CAP - 3);
        assertThat(times.millisUntilNext(0)).isEqualTo(10_000 + DueTimes.CAP - 2);
        times.lookedAt(10_000 + DueTimes.CAP - 2);
        // 500 pushed out the latest of the first times, and 50,000 came in over the cap: both are left to the poll
        assertThat(times.millisUntilNext(0)).isEqualTo(-1);
    }

    @Test
    void a_run_time_is_rounded_up_to_the_millisecond_so_a_claim_then_finds_the_job_due() {
        assertThat(DueTimes.ceilMillis(Instant.ofEpochMilli(1_000))).isEqualTo(1_000);
        assertThat(DueTimes.ceilMillis(Instant.ofEpochMilli(1_000).plusNanos(1_000))).isEqualTo(1_001);
        assertThat(DueTimes.ceilMillis(Instant.ofEpochMilli(1_000).plusNanos(999_999))).isEqualTo(1_001);
    }

    /**
     * A fetcher's loop with a minute between polls and no wake-up: a job stored to come due in 300 ms
     * has it look again then, not a minute later; a loop without the due times waits out its poll.
     */
    @Test
    void a_fetcher_idle_until_its_next_poll_looks_again_when_a_stored_job_comes_due() throws Exception {
        DueTimes times = new DueTimes();
        List<Instant> withTimes = new CopyOnWriteArrayList<>();
        List<Instant> without = new CopyOnWriteArrayList<>();
        AtomicBoolean draining = new AtomicBoolean();
        Clock clock = Clock.systemUTC();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Semaphore wakeUp = new Semaphore(0);
            threads.submit(new EngineLoop("fetch-a", () -> withTimes.add(clock.instant()) && false,
                    Duration.ofMinutes(1), wakeUp, draining::get, clock, times));
            threads.submit(new EngineLoop("fetch-b", () -> without.add(clock.instant()) && false,
                    Duration.ofMinutes(1), new Semaphore(0), draining::get, clock));
            await().atMost(Duration.ofSeconds(10)).until(() -> withTimes.size() == 1 && without.size() == 1);

            Instant due = clock.instant().plusMillis(300);
            assertThat(times.add(new long[] {DueTimes.ceilMillis(due)})).isTrue();
            wakeUp.release(); // what WakeUps does when the first time came sooner: the loop waits again
            await().atMost(Duration.ofSeconds(10)).until(() -> withTimes.size() == 2); // that claim found nothing

            await().atMost(Duration.ofSeconds(20)).until(() -> withTimes.size() == 3);
            assertThat(withTimes.get(2)).isAfterOrEqualTo(due);
            assertThat(without).hasSize(1);
            assertThat(times.millisUntilNext(clock.millis())).isEqualTo(-1); // that pass saw the job due
        } finally {
            draining.set(true);
            threads.shutdownNow();
        }
    }
}
