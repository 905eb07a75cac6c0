package dev.eejobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobInfo;
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
    public void cancel_takes_only_queued_jobs_and_revive_only_dead_ones() {
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
        assertThat(store().cancel(running, T0)).isFalse();
        assertThat(find(running).state()).isEqualTo(JobState.RUNNING);
        assertThat(store().cancel(Long.MAX_VALUE - 7, T0)).isFalse();

        assertThat(store().fail(running, claimed.leaseToken(), null, "boom", T0)).isTrue();
        assertThat(store().cancel(running, T0)).isFalse();
        assertThat(store().revive(running, T0.plusSeconds(5))).isTrue();
        JobInfo revived = find(running);
        assertThat(revived.state()).isEqualTo(JobState.QUEUED);
        assertThat(revived.attempts()).isZero();
        assertThat(revived.runAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(revived.finishedAt()).isNull();
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
