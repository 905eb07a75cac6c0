package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineLoopTest {

    @Test
    void the_pause_after_a_failed_pass_doubles_from_50_ms_with_each_failure_in_a_row_up_to_1_s() {
        assertThat(EngineLoop.pauseMillis(1)).isEqualTo(50);
        assertThat(EngineLoop.pauseMillis(2)).isEqualTo(100);
        assertThat(EngineLoop.pauseMillis(3)).isEqualTo(200);
        assertThat(EngineLoop.pauseMillis(5)).isEqualTo(800);
        assertThat(EngineLoop.pauseMillis(6)).isEqualTo(1_000);
        assertThat(EngineLoop.pauseMillis(1_000)).isEqualTo(1_000);
    }

    /**
     * A fetcher whose stored job came due while the database is down: its due time stays (no claim
     * saw it) and says "look again now", and wake-ups keep coming. Without the pause after a failure
     * the loop failed again at once, thousands of times a second; with it, a handful in 700 ms.
     */
    @Test
    void a_loop_whose_passes_fail_pauses_between_them_even_when_a_due_time_has_come_and_it_is_woken() throws Exception {
        DueTimes times = new DueTimes();
        times.add(new long[] {System.currentTimeMillis() - 1_000});
        AtomicInteger passes = new AtomicInteger();
        AtomicBoolean draining = new AtomicBoolean();
        AtomicBoolean databaseUp = new AtomicBoolean();
        Semaphore wakeUps = new Semaphore(0);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(new EngineLoop("fetch-outage", () -> {
                passes.incrementAndGet();
                if (!databaseUp.get()) {
                    throw new SQLTransientConnectionException("Connection refused");
                }
                return false;
            }, Duration.ofMinutes(1), wakeUps, draining::get, Clock.systemUTC(), times));
            long end = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (System.nanoTime() < end) {
                wakeUps.release();
                Thread.sleep(1);
            }
            int duringOutage = passes.get();
            // 0, 50, 150, 350 and 750 ms, give or take the scheduler
            assertThat(duringOutage).as("passes in 700 ms of failures").isBetween(2, 8);

            databaseUp.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> times.millisUntilNext(System.currentTimeMillis()) == -1);
            assertThat(passes.get()).as("the pass that found the database back saw the job due").isGreaterThan(duringOutage);
        } finally {
            draining.set(true);
            thread.shutdownNow();
        }
    }
}
