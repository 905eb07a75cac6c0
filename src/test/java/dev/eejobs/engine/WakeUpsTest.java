package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.store.NewJob;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who hears of a job this node stored (outside a transaction: at once). */
class WakeUpsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final WakeUps wakeUps = new WakeUps();

    {
        List.of("mail", "now", "later").forEach(wakeUps::dueTimes); // this node runs these queues
    }

    @Test
    void a_job_due_now_wakes_its_queues_fetcher_and_is_announced_to_the_other_nodes() {
        wakeUps.storedAfterCommit(job("mail", NOW));

        assertThat(wakeUps.of("mail").availablePermits()).isEqualTo(1);
        assertThat(wakeUps.takeAnnouncements()).containsExactly("mail");
        assertThat(wakeUps.dueTimes("mail").millisUntilNext(NOW.toEpochMilli())).isEqualTo(-1);
    }

    @Test
    void a_job_not_due_yet_wakes_no_claim_and_no_node_but_its_fetcher_looks_again_when_it_comes_due() {
        wakeUps.storedAfterCommit(job("mail", NOW));
        wakeUps.of("mail").drainPermits();
        wakeUps.takeAnnouncements();
        wakeUps.dueTimes("mail").lookedAt(NOW.toEpochMilli());

        wakeUps.storedAfterCommit(job("mail", NOW.plusSeconds(5)));
        // the first time of the queue came sooner (from none): one wake-up, for the fetcher to wait again
        assertThat(wakeUps.of("mail").drainPermits()).isEqualTo(1);
        wakeUps.storedAfterCommit(List.of(job("mail", NOW.plusSeconds(7)), job("mail", NOW.plusSeconds(6))));
        wakeUps.retryStored("mail", NOW.plusSeconds(8));

        assertThat(wakeUps.of("mail").availablePermits()).as("later than the first: no wake-up").isZero();
        assertThat(wakeUps.takeAnnouncements()).isEmpty();
        DueTimes times = wakeUps.dueTimes("mail");
        assertThat(times.millisUntilNext(NOW.toEpochMilli())).isEqualTo(5_000);
        times.lookedAt(NOW.plusSeconds(5).toEpochMilli());
        assertThat(times.millisUntilNext(NOW.toEpochMilli())).isEqualTo(6_000);
        times.lookedAt(NOW.plusSeconds(7).toEpochMilli());
        assertThat(times.millisUntilNext(NOW.toEpochMilli())).isEqualTo(8_000); // the retry
    }

    @Test
    void run_times_are_kept_only_for_the_queues_this_node_runs() {
        wakeUps.dueTimes("mine");
        wakeUps.storedAfterCommit(List.of(job("mine", NOW.plusSeconds(1)), job("elsewhere", NOW.plusSeconds(1))));

        assertThat(wakeUps.dueTimes("mine").millisUntilNext(NOW.toEpochMilli())).isEqualTo(1_000);
        assertThat(wakeUps.dueTimes("elsewhere").millisUntilNext(NOW.toEpochMilli())).isEqualTo(-1);
    }

    @Test
    void a_list_with_due_and_later_jobs_wakes_and_announces_only_the_due_ones_queues() {
        wakeUps.storedAfterCommit(List.of(job("now", NOW), job("later", NOW.plusMillis(1)), job("now", NOW)));

        assertThat(wakeUps.takeAnnouncements()).containsExactly("now");
        assertThat(wakeUps.of("now").availablePermits()).isEqualTo(1);
        assertThat(wakeUps.dueTimes("later").millisUntilNext(NOW.toEpochMilli())).isEqualTo(1);
    }

    @Test
    void a_run_time_within_the_microsecond_it_is_rounded_up_to_counts_as_due() {
        assertThat(WakeUps.dueAtEnqueue(job("q", NOW.plusNanos(1_000)))).isTrue();
        assertThat(WakeUps.dueAtEnqueue(job("q", NOW.plusNanos(1_001)))).isFalse();
    }

    private static NewJob job(String queue, Instant runAt) {
        return new NewJob("type", queue, "{}", 0, runAt, NOW, 3, "exponential", 30_000, null);
    }
}
