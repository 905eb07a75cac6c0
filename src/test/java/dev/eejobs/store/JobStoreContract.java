package dev.eejobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.AttemptOutcome;
import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do, whatever the database: one suite run against the unit
 * tier's in-memory store and, inside the server, against H2, PostgreSQL and MariaDB. Each test
 * works on job types and queues of its own, so it needs no empty table and leaves other rows alone
 * (pruning aside, which deletes finished jobs of any test).
 */
public abstract class JobStoreContract {

    /** Whole microseconds: what every database stores exactly. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    /** @return the store under test */
    protected abstract JobStore store();

    /** @return a type name no other test uses */
    private String type(String name) {
        return name + "-" + suffix;
    }

    private String queue() {
        return "contract-" + suffix;
    }

    private NewJob job(String type, int priority, Instant runAt) {
        return new NewJob(type, queue(), "{\"n\":" + priority + "}", priority, runAt, T0, 2, "fixed(1s)", 1_000,
                null);
    }

    private long insert(NewJob job) {
        return store().insert(List.of(job)).get(0);
    }

    private JobInfo find(long id) {
        return store().find(id).orElseThrow(() -> new AssertionError("job " + id + " not found"));
    }

    private ClaimedJob claimOne(String type) {
        List<ClaimedJob> claimed = store().claim(queue(), List.of(type), 1, "node-a", T0);
        assertThat(claimed).as("claimed").hasSize(1);
        return claimed.get(0);
    }

    @Test
    public void an_inserted_job_reads_back_as_stored() {
        String type = type("read-back");
        Instant runAt = T0.minusMillis(1500).plus(7, ChronoUnit.MICROS);
        NewJob job = new NewJob(type, queue(), "{\"name\":\"Ada\",\"list\":[1,2]}", -3, runAt, T0, 7,
                "exponential(2)", 2_500, null);
        List<Long> ids = store().insert(List.of(job, job(type, 0, T0)));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();

        JobInfo read = find(ids.get(0));
        assertThat(read.id().value()).isEqualTo(ids.get(0));
        assertThat(read.type()).isEqualTo(type);
        assertThat(read.queue()).isEqualTo(queue());
        assertThat(read.state()).isEqualTo(JobState.QUEUED);
        assertThat(read.attempts()).isZero();
        assertThat(read.maxRetries()).isEqualTo(7);
        assertThat(read.priority()).isEqualTo(-3);
        assertThat(read.runAt()).isEqualTo(runAt);
        assertThat(read.enqueuedAt()).isEqualTo(T0);
        assertThat(read.finishedAt()).isNull();
        assertThat(read.lastError()).isNull();
        assertThat(read.argumentJson()).isEqualTo("{\"name\":\"Ada\",\"list\":[1,2]}");
        assertThat(store().find(Long.MAX_VALUE - 7)).isEmpty();
    }

    @Test
    public void claims_go_by_priority_then_run_at_then_id() {
        String type = type("order");
        long low = insert(job(type, 0, T0.minusSeconds(30)));
        long highLate = insert(job(type, 5, T0.minusSeconds(1)));
        long highEarly = insert(job(type, 5, T0.minusSeconds(10)));
        long sameAsLowA = insert(job(type, 0, T0.minusSeconds(5)));
        long sameAsLowB = insert(job(type, 0, T0.minusSeconds(5)));

        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(claimOne(type).id());
        }
        assertThat(order).containsExactly(highEarly, highLate, low, sameAsLowA, sameAsLowB);
        assertThat(store().claim(queue(), List.of(type), 10, "node-a", T0)).isEmpty();
    }

    @Test
    public void a_claim_takes_at_most_its_limit() {
        String type = type("limit");
        for (int i = 0; i < 5; i++) {
            insert(job(type, 0, T0.minusSeconds(1)));
        }
        assertThat(store().claim(queue(), List.of(type), 3, "node-a", T0)).hasSize(3);
        assertThat(store().claim(queue(), List.of(type), 3, "node-a", T0)).hasSize(2);
    }

    @Test
    public void claims_skip_jobs_not_yet_due_of_other_types_and_of_other_queues() {
        String type = type("skip");
        long notDue = insert(job(type, 9, T0.plusMillis(1)));
        long unknownType = insert(job(type("unknown"), 9, T0.minusSeconds(1)));
        long otherQueue = store().insert(List.of(new NewJob(type, queue() + "-other", "{}", 9, T0.minusSeconds(1), T0,
                2, "fixed(1s)", 1_000, null))).get(0);
        long due = insert(job(type, 0, T0));

        List<ClaimedJob> claimed = store().claim(queue(), List.of(type), 10, "node-a", T0);
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(due);
        assertThat(find(notDue).state()).isEqualTo(JobState.QUEUED);
        assertThat(find(unknownType).state()).isEqualTo(JobState.QUEUED);
        assertThat(find(otherQueue).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    public void a_claim_makes_the_job_running_with_a_fresh_token_and_what_it_was_stored_with() {
        String type = type("claim");
        long id = insert(new NewJob(type, queue(), "{\"a\":1}", 0, T0.minusSeconds(1), T0, 4, "linear(3s)", 1_500,
                null));
        ClaimedJob claimed = claimOne(type);
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claimed.type()).isEqualTo(type);
        assertThat(claimed.queue()).isEqualTo(queue());
        assertThat(claimed.argumentJson()).isEqualTo("{\"a\":1}");
        assertThat(claimed.maxRetries()).isEqualTo(4);
        assertThat(claimed.backoff()).isEqualTo("linear(3s)");
        assertThat(claimed.heartbeatMillis()).isEqualTo(1_500);
        assertThat(claimed.runAt()).isEqualTo(T0.minusSeconds(1));
        assertThat(claimed.leaseToken()).isNotBlank();
        assertThat(find(id).state()).isEqualTo(JobState.RUNNING);

        assertThat(store().release(id, claimed.leaseToken())).isTrue();
        ClaimedJob again = claimOne(type);
        assertThat(again.leaseToken()).isNotEqualTo(claimed.leaseToken());
    }

    @Test
    public void every_write_after_a_claim_is_fenced_by_the_lease_token() {
        String type = type("fenced");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob first = claimOne(type);
        assertThat(store().release(id, first.leaseToken())).isTrue();
        ClaimedJob current = claimOne(type);
        String stale = first.leaseToken();

        assertThat(store().succeed(List.of(new Lease(id, stale, false)), T0, true)).isEmpty();
        assertThat(store().fail(id, stale, T0.plusSeconds(1), "stale", T0)).isFalse();
        assertThat(store().fail(id, stale, null, "stale", T0)).isFalse();
        assertThat(store().release(id, stale)).isFalse();
        assertThat(store().heartbeat(List.of(new Lease(id, stale, true)))).isEmpty();
        assertThat(store().succeed(List.of(new Lease(id, "not-a-token", false)), T0, true)).isEmpty();
        JobInfo untouched = find(id);
        assertThat(untouched.state()).isEqualTo(JobState.RUNNING);
        assertThat(untouched.lastError()).isNull();

        assertThat(store().succeed(List.of(new Lease(id, current.leaseToken(), false)), T0, true)).containsExactly(id);
        assertThat(find(id).state()).isEqualTo(JobState.SUCCEEDED);
        // a finished job takes no second outcome, even with the token it finished with
        assertThat(store().succeed(List.of(new Lease(id, current.leaseToken(), false)), T0, true)).isEmpty();
        assertThat(store().fail(id, current.leaseToken(), null, "late", T0)).isFalse();
        assertThat(store().release(id, current.leaseToken())).isFalse();
        assertThat(find(id).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    public void a_batch_of_successes_writes_the_current_leases_and_fences_the_rest() {
        String type = type("batch");
        long a = insert(job(type, 0, T0.minusSeconds(1)));
        long b = insert(job(type, 0, T0.minusSeconds(1)));
        List<ClaimedJob> claimed = store().claim(queue(), List.of(type), 2, "node-a", T0);
        assertThat(claimed).hasSize(2);
        List<Lease> leases = List.of(Lease.of(claimed.get(0)), new Lease(claimed.get(1).id(), "stale", false));

        Set<Long> written = store().succeed(leases, T0.plusSeconds(1), true);
        assertThat(written).containsExactly(claimed.get(0).id());
        assertThat(find(claimed.get(0).id()).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(find(claimed.get(0).id()).finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(find(claimed.get(1).id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(List.of(a, b)).containsExactlyInAnyOrderElementsOf(claimed.stream().map(ClaimedJob::id).toList());
    }

    @Test
    public void a_success_not_kept_deletes_the_job() {
        String type = type("not-kept");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        assertThat(store().succeed(List.of(Lease.of(claimed)), T0, false)).containsExactly(id);
        assertThat(store().find(id)).isEmpty();
    }

    @Test
    public void a_retry_stores_its_run_at_and_error_and_the_job_is_claimable_again_only_then() {
        String type = type("retry");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        Instant retryAt = T0.plusSeconds(30).plus(123, ChronoUnit.MICROS);

        assertThat(store().fail(id, claimed.leaseToken(), retryAt, "java.io.IOException: disk full", T0))
                .isTrue();
        JobInfo queued = find(id);
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.runAt()).isEqualTo(retryAt);
        assertThat(queued.lastError()).isEqualTo("java.io.IOException: disk full");
        assertThat(queued.finishedAt()).isNull();

        assertThat(store().claim(queue(), List.of(type), 1, "node-a", retryAt.minusNanos(1000))).isEmpty();
        assertThat(store().claim(queue(), List.of(type), 1, "node-a", retryAt)).extracting(ClaimedJob::id)
                .containsExactly(id);
    }

    @Test
    public void a_failure_without_a_next_run_buries_the_job() {
        String type = type("dead");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        assertThat(store().fail(id, claimed.leaseToken(), null, "boom", T0.plusSeconds(2))).isTrue();
        JobInfo dead = find(id);
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(dead.lastError()).isEqualTo("boom");
        assertThat(store().claim(queue(), List.of(type), 1, "node-a", T0.plusSeconds(60))).isEmpty();
    }

    @Test
    public void a_hand_back_requeues_without_counting_the_attempt() {
        String type = type("hand-back");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        int before = find(id).attempts();
        ClaimedJob claimed = claimOne(type);
        assertThat(store().release(id, claimed.leaseToken())).isTrue();
        JobInfo back = find(id);
        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempts()).isEqualTo(before);
        assertThat(back.lastError()).isNull();
    }

    @Test
    public void cancel_takes_queued_jobs_at_once_marks_running_ones_and_revive_takes_only_dead_ones() {
        String type = type("manage");
        long queued = insert(job(type, 0, T0.plusSeconds(3600)));
        long running = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        assertThat(claimed.id()).isEqualTo(running);

        assertThat(store().revive(queued, T0)).isFalse();
        assertThat(store().cancel(queued, T0.plusSeconds(1))).isTrue();
        assertThat(find(queued).state()).isEqualTo(JobState.CANCELLED);
        assertThat(find(queued).finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store().cancel(queued, T0)).isFalse();
        assertThat(find(running).cancelRequested()).isFalse();
        assertThat(store().cancel(running, T0)).as("a cancel request for a running job").isTrue();
        assertThat(find(running).state()).isEqualTo(JobState.RUNNING);
        assertThat(find(running).cancelRequested()).isTrue();
        assertThat(store().cancel(Long.MAX_VALUE - 7, T0)).isFalse();

        assertThat(store().fail(running, claimed.leaseToken(), null, "boom", T0)).isTrue();
        assertThat(store().cancel(running, T0)).isFalse();
        assertThat(store().revive(running, T0.plusSeconds(5))).isTrue();
        JobInfo revived = find(running);
        assertThat(revived.state()).isEqualTo(JobState.QUEUED);
        assertThat(revived.attempts()).isZero();
        assertThat(revived.runAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(revived.finishedAt()).isNull();
        assertThat(revived.cancelRequested()).as("a revived job starts without the old request").isFalse();
        assertThat(store().revive(running, T0)).isFalse();
    }

    @Test
    public void pruning_deletes_old_succeeded_and_cancelled_jobs_and_keeps_dead_ones() {
        String type = type("prune");
        long cancelled = insert(job(type, 0, T0.plusSeconds(3600)));
        assertThat(store().cancel(cancelled, T0)).isTrue();
        long succeeded = insert(job(type, 0, T0.minusSeconds(1)));
        assertThat(store().succeed(List.of(Lease.of(claimOne(type))), T0, true)).containsExactly(succeeded);
        long dead = insert(job(type, 0, T0.minusSeconds(1)));
        assertThat(store().fail(dead, claimOne(type).leaseToken(), null, "boom", T0)).isTrue();
        long recent = insert(job(type, 0, T0.minusSeconds(1)));
        assertThat(store().succeed(List.of(Lease.of(claimOne(type))), T0.plusSeconds(10), true))
                .containsExactly(recent);
        long queued = insert(job(type, 0, T0.minusSeconds(1)));

        int pruned = 0;
        for (int n; (n = store().pruneSucceeded(T0.plusSeconds(5), 1_000)) > 0; ) {
            pruned += n;
        }
        assertThat(pruned).isGreaterThanOrEqualTo(2);
        assertThat(store().find(cancelled)).isEmpty();
        assertThat(store().find(succeeded)).isEmpty();
        assertThat(find(dead).state()).isEqualTo(JobState.DEAD);
        assertThat(find(recent).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(find(queued).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    public void a_schedule_is_created_once_and_replaced_keeping_its_next_tick_when_it_ticks_alike() {
        String name = "contract-" + suffix;
        ScheduleSpec every = new ScheduleSpec(name, type("tick"), "{}", 60_000, null, null, T0.plusSeconds(60));
        assertThat(store().saveSchedule(every)).isTrue();
        ScheduleSpec sameTicks = new ScheduleSpec(name, type("tick"), "{\"v\":2}", 60_000, null, null,
                T0.plusSeconds(999));
        assertThat(store().saveSchedule(sameTicks)).isFalse();
        assertThat(store().dueSchedules(T0.plusSeconds(60), 1_000)).filteredOn(s -> s.name().equals(name))
                .singleElement().satisfies(s -> {
                    assertThat(s.nextFireAt()).isEqualTo(T0.plusSeconds(60));
                    assertThat(s.argumentJson()).isEqualTo("{\"v\":2}");
                });
        ScheduleSpec otherTicks = new ScheduleSpec(name, type("tick"), "{}", 30_000, null, null, T0.plusSeconds(30));
        assertThat(store().saveSchedule(otherTicks)).isFalse();
        assertThat(store().dueSchedules(T0.plusSeconds(30), 1_000)).extracting(ScheduleSpec::name).contains(name);
        assertThat(store().dueSchedules(T0.plusSeconds(29), 1_000)).extracting(ScheduleSpec::name)
                .doesNotContain(name);
        assertThat(store().deleteSchedule(name)).isTrue();
        assertThat(store().deleteSchedule(name)).isFalse();
    }

    @Test
    public void of_several_racers_firing_one_tick_exactly_one_wins_and_inserts_the_job() throws Exception {
        String name = "race-" + suffix;
        String type = type("race");
        Instant tick = T0.minusSeconds(1);
        store().saveSchedule(new ScheduleSpec(name, type, "{}", 1_000, null, null, tick));
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                // each racer's job carries a schedule key of its own, so only the compare-and-set on
                // the tick (not a unique key) can keep the losers from inserting
                NewJob fired = new NewJob(type, queue(), "{}", 0, tick, T0, 0, "fixed(1s)", 1_000,
                        name + "@" + tick + "#" + i);
                Callable<Boolean> fire = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store().fireSchedule(name, tick, tick.plusSeconds(1), fired) == JobStore.TickOutcome.FIRED;
                };
                results.add(pool.submit(fire));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().claim(queue(), List.of(type), 100, "node-a", T0)).hasSize(1);
        assertThat(store().dueSchedules(tick.plusSeconds(1), 1_000)).filteredOn(s -> s.name().equals(name))
                .singleElement().extracting(ScheduleSpec::nextFireAt).isEqualTo(tick.plusSeconds(1));
        // a stale tick fires nothing
        assertThat(store().fireSchedule(name, tick, tick.plusSeconds(2),
                new NewJob(type, queue(), "{}", 0, tick, T0, 0, "fixed(1s)", 1_000, name + "@stale")))
                .isEqualTo(JobStore.TickOutcome.LOST);
        assertThat(store().claim(queue(), List.of(type), 100, "node-a", T0.plusSeconds(5))).isEmpty();
        store().deleteSchedule(name);
    }

    @Test
    public void a_unique_key_yields_the_active_job_until_it_finishes_and_then_a_new_one() {
        String type = type("unique");
        InsertOutcome first = store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", null);
        assertThat(first.created()).isTrue();
        assertThat(find(first.id()).uniqueKey()).isEqualTo("k1");
        assertThat(store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", null))
                .isEqualTo(new InsertOutcome(first.id(), false));
        // another key, or the same key of another type, is another job
        assertThat(store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k2", null).created()).isTrue();
        assertThat(store().insertUnique(job(type("unique-other"), 0, T0.minusSeconds(1)), "k1", null).created())
                .isTrue();

        ClaimedJob running = store().claim(queue(), List.of(type), 1, "node-a", T0).get(0);
        assertThat(running.id()).isEqualTo(first.id());
        assertThat(store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", null))
                .isEqualTo(new InsertOutcome(first.id(), false));
        assertThat(store().succeed(List.of(Lease.of(running)), T0, true)).containsExactly(first.id());

        // a SUCCEEDED job deduplicates only within the period asked for
        assertThat(store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", T0.minusSeconds(60)))
                .isEqualTo(new InsertOutcome(first.id(), false));
        InsertOutcome second = store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", T0.plusSeconds(1));
        assertThat(second.created()).isTrue();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k1", null))
                .isEqualTo(new InsertOutcome(second.id(), false));
    }

    @Test
    public void cancelling_or_burying_frees_a_unique_key_and_a_revive_is_refused_while_another_holds_it() {
        String type = type("unique-free");
        long cancelled = store().insertUnique(job(type, 0, T0.plusSeconds(3600)), "k", null).id();
        assertThat(store().cancel(cancelled, T0)).isTrue();
        InsertOutcome dead = store().insertUnique(job(type, 0, T0.minusSeconds(1)), "k", null);
        assertThat(dead.created()).isTrue();
        assertThat(store().fail(dead.id(), claimOne(type).leaseToken(), null, "boom", T0)).isTrue();
        InsertOutcome holder = store().insertUnique(job(type, 0, T0.plusSeconds(3600)), "k", null);
        assertThat(holder.created()).isTrue();

        assertThat(store().revive(dead.id(), T0)).isFalse();
        assertThat(find(dead.id()).state()).isEqualTo(JobState.DEAD);
        assertThat(store().cancel(holder.id(), T0)).isTrue();
        assertThat(store().revive(dead.id(), T0)).isTrue();
        // revived, it holds the key again
        assertThat(store().insertUnique(job(type, 0, T0), "k", null)).isEqualTo(new InsertOutcome(dead.id(), false));
    }

    @Test
    public void of_many_concurrent_unique_inserts_exactly_one_creates_the_job() throws Exception {
        String type = type("unique-race");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<InsertOutcome> outcomes = new ArrayList<>();
        try {
            List<Future<InsertOutcome>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store().insertUnique(job(type, 0, T0.minusSeconds(1)), "same", null);
                }));
            }
            start.countDown();
            for (Future<InsertOutcome> r : results) {
                outcomes.add(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).filteredOn(InsertOutcome::created).hasSize(1);
        assertThat(outcomes).extracting(InsertOutcome::id).containsOnly(outcomes.get(0).id());
        assertThat(store().claim(queue(), List.of(type), 100, "node-a", T0)).hasSize(1);
    }

    @Test
    public void a_paused_queue_is_not_claimed_until_resumed() {
        String type = type("paused");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        assertThat(store().setQueuePaused(queue(), true, T0)).isTrue();
        assertThat(store().setQueuePaused(queue(), true, T0)).isFalse();
        assertThat(store().pausedQueues()).contains(queue());
        assertThat(store().claim(queue(), List.of(type), 10, "node-a", T0)).isEmpty();
        assertThat(find(id).state()).isEqualTo(JobState.QUEUED);

        assertThat(store().setQueuePaused(queue(), false, T0)).isTrue();
        assertThat(store().setQueuePaused(queue(), false, T0)).isFalse();
        assertThat(store().pausedQueues()).doesNotContain(queue());
        assertThat(claimOne(type).id()).isEqualTo(id);
        // a queue that never had jobs can be paused too; resuming one never paused changes nothing
        String empty = "contract-empty-" + suffix;
        assertThat(store().setQueuePaused(empty, false, T0)).isFalse();
        assertThat(store().setQueuePaused(empty, true, T0)).isTrue();
        assertThat(store().pausedQueues()).contains(empty);
        store().setQueuePaused(empty, false, T0);
    }

    @Test
    public void queued_counts_by_type_include_only_queued_jobs() {
        String type = type("counts");
        insert(job(type, 0, T0.plusSeconds(3600)));
        insert(job(type, 0, T0.plusSeconds(3600)));
        insert(job(type, 0, T0.minusSeconds(1)));
        claimOne(type);
        assertThat(store().queuedByType()).containsEntry(type, 2L);
    }

    // Leases run by the database's clock: these tests wait (with a bound) for a short lease to pass.

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Claims a job whose lease lasts {@code LEASE_INTERVALS} x {@code heartbeatMillis}. */
    private ClaimedJob claimWithLease(String type, long heartbeatMillis) {
        insert(new NewJob(type, queue(), "{}", 0, T0.minusSeconds(1), T0, 3, "fixed(1s)", heartbeatMillis, null));
        return claimOne(type);
    }

    private Optional<ExpiredLease> expired(long id) {
        return store().expiredLeases(10_000).stream().filter(e -> e.job().id() == id).findFirst();
    }

    private ExpiredLease awaitExpiry(long id) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> expired(id), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    public void a_renewal_extends_only_a_live_lease_and_keeps_it_from_expiring() {
        String type = type("renew");
        ClaimedJob claimed = claimWithLease(type, 100); // a lease of half a second
        awaitExpiry(claimed.id());
        assertThat(store().heartbeat(List.of(new Lease(claimed.id(), "stale", true)))).isEmpty();
        assertThat(expired(claimed.id())).isPresent();

        assertThat(store().heartbeat(List.of(Lease.renewal(claimed, true)))).containsExactly(claimed.id());
        assertThat(expired(claimed.id())).as("renewed for another lease from the database's now").isEmpty();
        assertThat(store().expire(claimed.id(), claimed.leaseToken(), T0, "lease expired", T0)).isFalse();
        assertThat(find(claimed.id()).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    public void a_live_lease_is_never_taken_back() {
        String type = type("live");
        ClaimedJob claimed = claimWithLease(type, 60_000);
        assertThat(expired(claimed.id())).isEmpty();
        assertThat(store().expire(claimed.id(), claimed.leaseToken(), T0, "lease expired", T0)).isFalse();
        assertThat(store().expireUnstarted(claimed.id(), claimed.leaseToken(), "lease expired")).isFalse();
        assertThat(find(claimed.id()).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    public void an_expired_lease_of_a_started_attempt_is_taken_back_counting_the_attempt() {
        String type = type("reap-started");
        ClaimedJob claimed = claimWithLease(type, 100);
        assertThat(store().heartbeat(List.of(Lease.renewal(claimed, true)))).containsExactly(claimed.id());
        ExpiredLease lease = awaitExpiry(claimed.id());
        assertThat(lease.started()).isTrue();
        assertThat(lease.job().leaseToken()).isEqualTo(claimed.leaseToken());

        Instant retryAt = T0.plusSeconds(5);
        assertThat(store().expire(claimed.id(), "stale", retryAt, "lease expired", T0)).isFalse();
        assertThat(store().expire(claimed.id(), claimed.leaseToken(), retryAt, "lease expired", T0)).isTrue();
        JobInfo back = find(claimed.id());
        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempts()).isEqualTo(1);
        assertThat(back.runAt()).isEqualTo(retryAt);
        assertThat(back.lastError()).isEqualTo("lease expired");
        // the lost holder's writes are fenced
        assertThat(store().succeed(List.of(Lease.of(claimed)), T0, true)).isEmpty();
        assertThat(store().release(claimed.id(), claimed.leaseToken())).isFalse();
    }

    @Test
    public void an_expired_lease_of_an_attempt_that_never_started_goes_back_without_counting() {
        String type = type("reap-unstarted");
        ClaimedJob claimed = claimWithLease(type, 100);
        assertThat(store().heartbeat(List.of(Lease.renewal(claimed, false)))).containsExactly(claimed.id());
        ExpiredLease lease = awaitExpiry(claimed.id());
        assertThat(lease.started()).isFalse();
        assertThat(lease.unstartedExpiries()).isZero();

        assertThat(store().expireUnstarted(claimed.id(), claimed.leaseToken(), "lease expired before start"))
                .isTrue();
        JobInfo back = find(claimed.id());
        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempts()).isZero();
        assertThat(back.runAt()).isBeforeOrEqualTo(Instant.now().plusSeconds(1));

        ClaimedJob again = store().claim(queue(), List.of(type), 1, "node-b", Instant.now().plusSeconds(1)).get(0);
        assertThat(again.id()).isEqualTo(claimed.id());
        assertThat(awaitExpiry(again.id()).unstartedExpiries()).isEqualTo(1);
    }

    @Test
    public void a_finished_or_handed_back_job_has_no_lease_to_reap() {
        ClaimedJob done = claimWithLease(type("no-lease-done"), 20);
        assertThat(store().succeed(List.of(Lease.of(done)), T0, true)).containsExactly(done.id());
        ClaimedJob back = claimWithLease(type("no-lease-back"), 20);
        assertThat(store().release(back.id(), back.leaseToken())).isTrue();
        ClaimedJob watched = claimWithLease(type("no-lease-watched"), 20);
        awaitExpiry(watched.id()); // by now the others' leases would have expired too
        assertThat(expired(done.id())).isEmpty();
        assertThat(expired(back.id())).isEmpty();
    }

    // Job control: timeouts, cancel requests, attempt history, progress and log lines.

    private static JobAttempt attempt(int n, AttemptOutcome outcome, String error, String trace) {
        return new JobAttempt(n, "node-a", T0, T0.plusMillis(1_500), outcome, error, trace, Duration.ofMillis(1_500));
    }

    private static JobLogLine line(int attempt, int second, String message) {
        return new JobLogLine(attempt, T0.plusSeconds(second), message);
    }

    @Test
    public void a_timeout_is_stored_with_the_job_and_claimed_with_it() {
        String type = type("timeout");
        long id = insert(new NewJob(type, queue(), "{}", 0, T0.minusSeconds(1), T0, 2, "fixed(1s)", 1_000, null,
                30_000));
        long none = insert(job(type("no-timeout"), 0, T0.plusSeconds(3600)));
        assertThat(find(id).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(find(none).timeout()).isNull();
        assertThat(claimOne(type).timeoutMillis()).isEqualTo(30_000);
    }

    @Test
    public void a_renewal_writes_progress_and_log_lines_fenced_and_answers_cancel_requests() {
        String type = type("progress");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        Progress half = new Progress(50, "half way", List.of(line(1, 1, "first"), line(1, 2, "second")));
        Renewals first = store().renew(List.of(Lease.renewal(claimed, true, half)));
        assertThat(first.renewed()).containsExactly(id);
        assertThat(first.cancelRequested()).isEmpty();
        assertThat(find(id).progress()).isEqualTo(50);
        assertThat(find(id).progressMessage()).isEqualTo("half way");
        assertThat(store().log(id)).containsExactly(line(1, 1, "first"), line(1, 2, "second"));

        Progress stale = new Progress(99, "stale", List.of(line(1, 3, "stale")));
        assertThat(store().renew(List.of(new Lease(id, "stale", true, stale))).renewed()).isEmpty();
        assertThat(find(id).progress()).as("a fenced renewal writes no progress").isEqualTo(50);
        assertThat(store().log(id)).as("but keeps its lines: the attempt's outcome may have been written while"
                + " the renewal was on its way").hasSize(3);

        Progress linesOnly = new Progress(null, null, List.of(line(1, 4, "third")));
        assertThat(store().cancel(id, T0)).isTrue();
        Renewals second = store().renew(List.of(Lease.renewal(claimed, true, linesOnly)));
        assertThat(second.renewed()).containsExactly(id);
        assertThat(second.cancelRequested()).containsExactly(id);
        assertThat(find(id).progress()).as("lines alone keep the progress").isEqualTo(50);
        assertThat(store().log(id)).extracting(JobLogLine::message)
                .containsExactly("first", "second", "stale", "third");
    }

    @Test
    public void outcomes_write_their_attempt_and_last_report_with_the_transition() {
        String type = type("history");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob first = claimOne(type);
        JobAttempt timedOut = attempt(1, AttemptOutcome.TIMED_OUT, "timed out after 1s", "java.lang.InterruptedException");
        assertThat(store().fail(new AttemptEnd(new Lease(id, "stale", false), timedOut, Progress.NONE), T0, "x", T0))
                .isFalse();
        assertThat(store().attempts(id)).as("a fenced outcome writes no history").isEmpty();
        assertThat(store().fail(new AttemptEnd(Lease.of(first), timedOut,
                new Progress(10, "ten", List.of(line(1, 1, "one")))), T0, "timed out after 1s", T0))
                .isTrue();

        ClaimedJob second = claimOne(type);
        JobAttempt succeeded = attempt(2, AttemptOutcome.SUCCEEDED, null, null);
        assertThat(store().succeedAttempts(List.of(new AttemptEnd(Lease.of(second), succeeded,
                new Progress(100, "done", List.of(line(2, 2, "two"))))), T0.plusSeconds(2), true)).containsExactly(id);

        assertThat(store().attempts(id)).containsExactly(timedOut, succeeded);
        assertThat(find(id).progress()).isEqualTo(100);
        assertThat(find(id).progressMessage()).isEqualTo("done");
        assertThat(store().log(id)).containsExactly(line(1, 1, "one"), line(2, 2, "two"));
        assertThat(store().attempts(Long.MAX_VALUE - 7)).isEmpty();
        assertThat(store().log(Long.MAX_VALUE - 7)).isEmpty();
    }

    @Test
    public void a_running_job_is_cancelled_by_its_lease_holder_only() {
        String type = type("cancel-running");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        assertThat(store().cancel(id, T0)).isTrue();
        JobAttempt cancelled = attempt(1, AttemptOutcome.CANCELLED, null, null);
        assertThat(store().cancelRunning(new AttemptEnd(new Lease(id, "stale", false), cancelled, Progress.NONE), T0))
                .isFalse();
        assertThat(store().cancelRunning(new AttemptEnd(Lease.of(claimed), cancelled, Progress.NONE),
                T0.plusSeconds(1))).isTrue();
        JobInfo job = find(id);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store().attempts(id)).containsExactly(cancelled);
        assertThat(store().cancel(id, T0)).as("a finished job takes no request").isFalse();
        assertThat(store().expiredLeases(10_000)).noneMatch(e -> e.job().id() == id);
    }

    @Test
    public void an_expired_lease_with_a_cancel_request_ends_cancelled_with_its_holder_in_the_history() {
        String type = type("reap-cancel");
        ClaimedJob claimed = claimWithLease(type, 100);
        assertThat(store().heartbeat(List.of(Lease.renewal(claimed, true)))).containsExactly(claimed.id());
        assertThat(store().cancel(claimed.id(), T0)).isTrue();
        ExpiredLease lease = awaitExpiry(claimed.id());
        assertThat(lease.cancelRequested()).isTrue();
        assertThat(lease.owner()).isEqualTo("node-a");
        assertThat(lease.startedAt()).isEqualTo(T0);

        JobAttempt expired = new JobAttempt(1, "node-a", T0, T0.plusSeconds(1), AttemptOutcome.LEASE_EXPIRED,
                "lease expired", null, Duration.ofSeconds(1));
        assertThat(store().expireCancelled(new AttemptEnd(Lease.of(claimed), expired, Progress.NONE), "lease expired",
                T0.plusSeconds(1))).isTrue();
        assertThat(find(claimed.id()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(store().attempts(claimed.id())).containsExactly(expired);
    }

    @Test
    public void a_live_lease_with_a_cancel_request_is_not_taken_back() {
        String type = type("live-cancel");
        ClaimedJob claimed = claimWithLease(type, 60_000);
        assertThat(store().cancel(claimed.id(), T0)).isTrue();
        assertThat(store().expireCancelled(AttemptEnd.of(Lease.of(claimed)), "lease expired", T0)).isFalse();
        assertThat(find(claimed.id()).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    public void history_and_log_lines_are_deleted_with_their_job() {
        String type = type("cascade");
        long id = insert(job(type, 0, T0.minusSeconds(1)));
        ClaimedJob claimed = claimOne(type);
        store().renew(List.of(Lease.renewal(claimed, true, new Progress(1, "one", List.of(line(1, 1, "one"))))));
        Instant longAgo = T0.minus(Duration.ofDays(3650));
        assertThat(store().succeedAttempts(List.of(new AttemptEnd(Lease.of(claimed),
                attempt(1, AttemptOutcome.SUCCEEDED, null, null), Progress.NONE)), longAgo, true)).containsExactly(id);
        assertThat(store().attempts(id)).hasSize(1);
        assertThat(store().log(id)).hasSize(1);

        while (store().pruneSucceeded(longAgo.plusSeconds(1), 1_000) > 0) {
            // every job finished that long ago: this one and those of other runs of this test
        }
        assertThat(store().find(id)).isEmpty();
        assertThat(store().attempts(id)).isEmpty();
        assertThat(store().log(id)).isEmpty();
    }

    @Test
    public void a_continuation_waits_for_its_parent_and_is_released_or_cancelled_by_its_outcome() {
        String type = type("chain");
        long parent = insert(job(type, 0, T0));
        long child = store().insertAfter(parent, job(type, 0, T0), T0).orElseThrow();
        assertThat(find(child).state()).isEqualTo(JobState.WAITING);
        assertThat(find(child).parentId().value()).isEqualTo(parent);
        assertThat(store().insertAfter(Long.MAX_VALUE - 3, job(type, 0, T0), T0)).isEmpty();

        ClaimedJob running = claimOne(type);
        assertThat(running.id()).isEqualTo(parent); // the waiting child is not claimable
        assertThat(store().succeed(List.of(Lease.of(running)), T0, true)).containsExactly(parent);
        assertThat(find(child).state()).isEqualTo(JobState.QUEUED);
        assertThat(claimOne(type).id()).isEqualTo(child);
        // a parent that already succeeded gives a QUEUED child
        assertThat(find(store().insertAfter(parent, job(type, 0, T0), T0).orElseThrow()).state())
                .isEqualTo(JobState.QUEUED);

        String dying = type("dying");
        long doomed = insert(job(dying, 0, T0));
        long orphan = store().insertAfter(doomed, job(dying, 0, T0), T0).orElseThrow();
        ClaimedJob last = claimOne(dying);
        assertThat(store().fail(last.id(), last.leaseToken(), null, "boom", T0)).isTrue();
        assertThat(find(orphan).state()).isEqualTo(JobState.CANCELLED);
        assertThat(find(orphan).lastError()).isEqualTo("parent " + doomed + " ended DEAD");
        assertThat(find(store().insertAfter(doomed, job(dying, 0, T0), T0).orElseThrow()).state())
                .isEqualTo(JobState.CANCELLED);

        long cancelled = insert(job(dying, 0, T0.plusSeconds(3600)));
        long waiting = store().insertAfter(cancelled, job(dying, 0, T0), T0).orElseThrow();
        assertThat(store().cancel(cancelled, T0)).isTrue();
        assertThat(find(waiting).state()).isEqualTo(JobState.CANCELLED);
        assertThat(find(waiting).lastError()).isEqualTo("parent " + cancelled + " ended CANCELLED");
        long waitingToo = store().insertAfter(insert(job(dying, 0, T0.plusSeconds(3600))), job(dying, 0, T0), T0)
                .orElseThrow();
        assertThat(store().cancel(waitingToo, T0)).as("a waiting job can be cancelled").isTrue();
    }

    @Test
    public void a_running_parent_cancelled_by_an_operator_cancels_its_waiting_continuations() {
        String type = type("cancel-chain");
        long parent = insert(job(type, 0, T0.minusSeconds(1)));
        long child = store().insertAfter(parent, job(type, 0, T0), T0).orElseThrow();
        ClaimedJob running = claimOne(type);
        assertThat(running.id()).isEqualTo(parent);
        assertThat(store().cancel(parent, T0)).isTrue();
        assertThat(find(child).state()).as("a cancel request alone changes nothing yet").isEqualTo(JobState.WAITING);
        assertThat(store().cancelRunning(new AttemptEnd(Lease.of(running), attempt(1, AttemptOutcome.CANCELLED, null,
                null), Progress.NONE), T0)).isTrue();
        assertThat(find(child).state()).isEqualTo(JobState.CANCELLED);
        assertThat(find(child).lastError()).isEqualTo("parent " + parent + " ended CANCELLED");
    }

    @Test
    public void a_batch_releases_its_on_complete_job_once_every_job_finished() {
        String type = type("batch");
        String last = type("batch-done");
        List<Long> ids = store().insertBatch(List.of(job(type, 0, T0), job(type, 0, T0)), job(last, 0, T0));
        long batch = ids.get(2);
        assertThat(find(batch).state()).isEqualTo(JobState.WAITING);
        assertThat(find(ids.get(0)).batchId()).isEqualTo(batch);
        ClaimedJob first = claimOne(type);
        assertThat(store().fail(first.id(), first.leaseToken(), null, "boom", T0)).isTrue();
        assertThat(find(batch).state()).isEqualTo(JobState.WAITING);
        assertThat(store().batchCounts(batch)).containsEntry(JobState.DEAD, 1L).containsEntry(JobState.QUEUED, 1L);
        ClaimedJob second = claimOne(type);
        store().succeed(List.of(Lease.of(second)), T0, true);
        assertThat(find(batch).state()).isEqualTo(JobState.QUEUED);
        assertThat(claimOne(last).id()).isEqualTo(batch);
        store().settleWaiting(T0, 100);
        assertThat(find(batch).state()).as("released once: the sweep does not touch it").isEqualTo(JobState.RUNNING);
    }

    @Test
    public void a_paused_schedule_is_not_due_and_fires_nothing_and_a_trigger_keeps_its_tick() {
        String name = "pause-" + suffix;
        String type = type("paused");
        Instant tick = T0.minusSeconds(1);
        store().saveSchedule(new ScheduleSpec(name, type, "{}", 1_000, null, null, tick));
        assertThat(store().pauseSchedule(name)).isTrue();
        assertThat(store().pauseSchedule("no-such-" + suffix)).isFalse();
        assertThat(store().dueSchedules(T0, 1_000)).noneMatch(s -> s.name().equals(name));
        NewJob fired = new NewJob(type, queue(), "{}", 0, tick, T0, 0, "fixed(1s)", 1_000, name + "@" + tick);
        assertThat(store().fireSchedule(name, tick, tick.plusSeconds(1), fired)).isEqualTo(JobStore.TickOutcome.LOST);
        // re-declaring keeps the pause
        store().saveSchedule(new ScheduleSpec(name, type, "{\"v\":2}", 1_000, null, null, tick));
        assertThat(store().dueSchedules(T0, 1_000)).noneMatch(s -> s.name().equals(name));

        long triggered = store().triggerSchedule(name, new NewJob(type, queue(), "{}", 0, T0, T0, 0, "fixed(1s)",
                1_000, null), T0).orElseThrow();
        assertThat(find(triggered).state()).isEqualTo(JobState.QUEUED);
        assertThat(store().triggerSchedule("no-such-" + suffix, fired, T0)).isEmpty();

        assertThat(store().resumeSchedule(name, T0.plusSeconds(5))).isTrue();
        assertThat(store().resumeSchedule(name, T0.plusSeconds(9))).as("already running").isFalse();
        assertThat(store().dueSchedules(T0.plusSeconds(5), 1_000)).filteredOn(s -> s.name().equals(name))
                .singleElement().satisfies(s -> {
                    assertThat(s.nextFireAt()).isEqualTo(T0.plusSeconds(5));
                    assertThat(s.lastJobId().value()).isEqualTo(triggered);
                    assertThat(s.paused()).isFalse();
                });
        // overlap skip: the triggered job is still QUEUED, so the tick is taken and skipped
        Instant next = T0.plusSeconds(5);
        assertThat(store().fireSchedule(name, next, next.plusSeconds(1), fired)).isEqualTo(JobStore.TickOutcome.SKIPPED);
        assertThat(store().claim(queue(), List.of(type), 100, "node-a", T0.plusSeconds(10))).hasSize(1);
        store().deleteSchedule(name);
    }
}
