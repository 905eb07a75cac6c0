package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.observability.QueueReadiness;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.WakeUpSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour contract against the configured server and database: Payara Micro 6 on H2, PostgreSQL
 * and MariaDB, Payara Micro 7 on H2 and PostgreSQL, WildFly on its default datasource and PostgreSQL
 * (one failsafe execution each, see pom.xml). One deployment for the whole class keeps the suite fast.
 */
@ExtendWith(ArquillianExtension.class)
class EngineIT {

    static final String SETTINGS = String.join("\n",
            "jobs.workers=8",
            "jobs.poll-interval=250ms",
            "jobs.housekeeping-interval=200ms",
            "jobs.worker-restart-delay=100ms");

    @Deployment
    static WebArchive deployment() {
        return ItDeployment.war("engine-it", SETTINGS, EngineIT.class, Support.class);
    }

    /** Container-side help: JTA transactions the test commits or rolls back, and queries on the job table. */
    @ApplicationScoped
    public static class Support {
        @Inject
        JobQueue jobs;

        private volatile JobId lastId;

        /** @return the id the latest rolled-back enqueue returned (read through the proxy, not a field) */
        public JobId lastId() {
            return lastId;
        }

        @Transactional
        public JobId enqueueAndCommit(ItJobs.Mark mark) {
            return jobs.enqueue(ItJobs.RecordJob.class, mark);
        }

        @Transactional
        public void enqueueAndRollBack(ItJobs.Mark mark) {
            lastId = jobs.enqueue(ItJobs.RecordJob.class, mark);
            throw new IllegalStateException("caller fails after enqueueing");
        }

        /** @return the number of jobs per schedule key of the schedule */
        /** @return by tick, how many jobs were stored for it (a racer's key carries a suffix after '#') */
        public Map<String, Long> jobsPerTick(String schedule) throws SQLException {
            Map<String, Long> counts = new TreeMap<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT schedule_key FROM eejobs_job WHERE schedule_key LIKE ?")) {
                s.setString(1, schedule + "@%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(rs.getString(1).split("#")[0], 1L, Long::sum);
                    }
                }
            }
            return counts;
        }

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        /** Sends a notification as another node would, on a connection of its own. */
        public void notifyAsOtherNode(String queue) throws SQLException {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT pg_notify('eejobs_jobs', ?)")) {
                s.setString(1, queue + "@another-node");
                s.executeQuery().close();
            }
        }

        /** @return how many transactions stored these (not yet updated) jobs: PostgreSQL's xmin */
        public long storingTransactions(List<JobId> ids) throws SQLException {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(DISTINCT xmin::text) FROM eejobs_job WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("bigint", ids.stream().map(JobId::value).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        public long succeeded(List<JobId> ids) throws SQLException {
            long min = ids.stream().mapToLong(JobId::value).min().orElse(0);
            long max = ids.stream().mapToLong(JobId::value).max().orElse(-1);
            java.util.Set<Long> wanted = new java.util.HashSet<>(ids.stream().map(JobId::value).toList());
            long count = 0;
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM eejobs_job WHERE id BETWEEN ? AND ? AND status = 'SUCCEEDED'")) {
                s.setLong(1, min);
                s.setLong(2, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        count += wanted.contains(rs.getLong(1)) ? 1 : 0;
                    }
                }
            }
            return count;
        }
    }

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    JobTypes types;

    @Inject
    EngineStats stats;

    @Inject
    Support support;

    @Inject
    JobSupervisor supervisor;

    @Inject
    @Readiness
    QueueReadiness readiness;

    private static ItJobs.Mark mark(String what) {
        return new ItJobs.Mark(what + "-" + UUID.randomUUID());
    }

    private JobInfo awaitState(JobId id, JobState state, Duration within) {
        await().atMost(within).until(() -> jobs.find(id).map(JobInfo::state).orElse(null) == state);
        return jobs.find(id).orElseThrow();
    }

    @Test
    void a_job_runs_once_and_succeeds() {
        ItJobs.Mark mark = mark("simple");
        JobId id = jobs.enqueue(ItJobs.RecordJob.class, mark);
        JobInfo done = awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(ItJobs.runs(mark.key())).hasSize(1);
    }

    @Test
    void a_failing_job_is_retried_after_2_then_4_seconds_and_dies_after_three_attempts_with_its_error() {
        ItJobs.Mark mark = mark("fail");
        JobId id = jobs.enqueue(ItJobs.FailJob.class, mark);
        JobInfo dead = awaitState(id, JobState.DEAD, Duration.ofSeconds(40));
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("IllegalStateException: it-fail attempt 3");
        List<Instant> starts = ItJobs.runs(mark.key());
        assertThat(starts).hasSize(3);
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void an_expired_lease_is_taken_back_counted_as_an_attempt_if_it_started_and_fences_the_old_holder() {
        long expiredBefore = stats.leasesExpiredCount();
        // Stored in a queue no local worker serves; claimed as if by a node that then died.
        JobOptions orphan = JobOptions.defaults().queue("it-orphan").heartbeat(Duration.ofMillis(200));
        JobId started = jobs.enqueue(ItJobs.RecordJob.class, mark("orphan"), orphan);
        JobId unstarted = jobs.enqueue(ItJobs.RecordJob.class, mark("orphan"), orphan);
        List<ClaimedJob> claimed = store.claim("it-orphan", List.of("it-record"), 2, "dead-node", Instant.now());
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(started.value(), unstarted.value());
        ClaimedJob stale = claimed.get(0);
        assertThat(store.heartbeat(List.of(Lease.renewal(stale, true)))).containsExactly(stale.id());

        JobInfo back = awaitState(started, JobState.QUEUED, Duration.ofSeconds(20));
        assertThat(back.attempts()).as("the attempt had started: it counts").isEqualTo(1);
        assertThat(back.lastError()).startsWith("lease expired");
        JobInfo neverRan = awaitState(unstarted, JobState.QUEUED, Duration.ofSeconds(20));
        assertThat(neverRan.attempts()).as("the attempt never started: it does not count").isZero();
        assertThat(neverRan.lastError()).contains("before the attempt started");
        // the reaper reports the expiry just after its write commits
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.leasesExpiredCount() >= expiredBefore + 2);

        Instant now = Instant.now();
        assertThat(store.heartbeat(stale.id(), stale.leaseToken())).isFalse();
        assertThat(store.succeed(stale.id(), stale.leaseToken(), now, true)).isFalse();
        assertThat(store.fail(stale.id(), stale.leaseToken(), null, "late", now)).isFalse();
        assertThat(jobs.find(started).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        jobs.cancel(started);
        jobs.cancel(unstarted);
    }

    @Test
    void a_scheduled_job_does_not_run_before_its_time() {
        ItJobs.Mark mark = mark("scheduled");
        Instant runAt = Instant.now().plusSeconds(3);
        JobId id = jobs.schedule(ItJobs.RecordJob.class, mark, runAt);
        awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(ItJobs.runs(mark.key())).singleElement().satisfies(start -> assertThat(start).isAfterOrEqualTo(runAt));
    }

    /**
     * Two racers fire the schedule's ticks beside the node's own firer, each storing its job under a
     * schedule key of its own: the unique key cannot stop a second job for a tick, only the
     * compare-and-set on the schedule's next tick can. So a broken compare-and-set shows up as a
     * tick with two jobs.
     */
    @Test
    void a_recurring_schedule_fires_once_per_tick_while_three_firers_race() throws Exception {
        String name = "it-every-" + UUID.randomUUID();
        ItJobs.Mark mark = mark("every");
        // overlap allow: this test is about the compare-and-set, not about ticks skipped under load
        jobs.every(name, Duration.ofSeconds(1), ItJobs.RecordJob.class, mark, dev.eejobs.api.ScheduleOverlap.ALLOW);
        RegisteredJobType type = types.byName("it-record").orElseThrow();
        ExecutorService racers = Executors.newFixedThreadPool(2);
        Instant end = Instant.now().plusSeconds(5);
        AtomicBoolean over = new AtomicBoolean();
        AtomicInteger racerWins = new AtomicInteger();
        // Both racers pass the barrier together, and the barrier alone decides when the race is over.
        CyclicBarrier together = new CyclicBarrier(2, () -> over.set(Instant.now().isAfter(end)));
        List<Future<?>> runs = new ArrayList<>();
        for (String racer : List.of("a", "b")) {
            runs.add(racers.submit(() -> {
                while (true) {
                    together.await(10, TimeUnit.SECONDS);
                    if (over.get()) {
                        return null;
                    }
                    Instant now = Instant.now();
                    for (ScheduleSpec due : store.dueSchedules(now, 100)) {
                        if (!due.name().equals(name)) {
                            continue;
                        }
                        Instant tick = due.nextFireAt();
                        String key = name + "@" + tick.toEpochMilli() + "#" + racer;
                        try {
                            if (store.fireSchedule(name, tick, ScheduleFirer.nextTick(due, now),
                                    NewJobs.of(type, due.argumentJson(), JobOptions.defaults().runAt(tick), now, key))
                                    == JobStore.TickOutcome.FIRED) {
                                racerWins.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            // a lock timeout against the other firer: it won this tick
                        }
                    }
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        racers.shutdown();
        jobs.cancelSchedule(name);

        Map<String, Long> perTick = support.jobsPerTick(name);
        assertThat(perTick).hasSizeGreaterThanOrEqualTo(4);
        assertThat(perTick).allSatisfy((tick, count) -> assertThat(count).as("jobs for tick %s", tick).isEqualTo(1));
        assertThat(racerWins.get()).as("the racers took part").isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> ItJobs.runs(mark.key()).size() == perTick.size());
    }

    @Test
    void a_cron_schedule_is_stored_with_its_zone_and_redeclaring_it_keeps_its_next_tick() {
        String name = "it-cron-" + UUID.randomUUID();
        ItJobs.Mark mark = mark("cron");
        jobs.cron(name, "0 3 * * *", ZoneId.of("Europe/Berlin"), ItJobs.RecordJob.class, mark);
        ScheduleSpec stored = schedule(name);
        assertThat(stored.cron()).isEqualTo("0 3 * * *");
        assertThat(stored.zone()).isEqualTo("Europe/Berlin");
        assertThat(stored.nextFireAt().atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(3);

        jobs.cron(name, "0 3 * * *", ZoneId.of("Europe/Berlin"), ItJobs.RecordJob.class, mark("changed-argument"));
        assertThat(schedule(name).nextFireAt()).isEqualTo(stored.nextFireAt());
        assertThat(schedule(name).argumentJson()).contains("changed-argument");
        assertThat(jobs.cancelSchedule(name)).isTrue();
    }

    private ScheduleSpec schedule(String name) {
        return store.dueSchedules(Instant.now().plus(Duration.ofDays(2)), 1000).stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void on_postgresql_a_node_hears_other_nodes_announcements_but_not_its_own() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("eejobs.db")), "LISTEN/NOTIFY is PostgreSQL's");
        try (WakeUpSource source = store.openWakeUpSource().orElseThrow()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            store.announce(List.of("it-own-queue"));
            support.notifyAsOtherNode("it-other-queue");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                source.await(Duration.ofMillis(200), heard::add);
                return heard.contains("it-other-queue");
            });
            assertThat(heard).doesNotContain("it-own-queue");
        }
    }

    @Test
    void on_postgresql_a_lone_enqueue_with_a_worker_idle_is_stored_started_here_but_not_in_a_transaction_or_paused_queue() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("eejobs.db")), "starting at enqueue is PostgreSQL's");
        // once the queue's fetcher has found no due job left, a lone enqueue is stored already claimed
        long before = stats.startedAtEnqueueCount();
        java.util.concurrent.atomic.AtomicReference<JobId> last = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<ItJobs.Mark> lastMark = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            lastMark.set(mark("at-enqueue"));
            last.set(jobs.enqueue(ItJobs.RecordJob.class, lastMark.get()));
            return stats.startedAtEnqueueCount() > before;
        });
        assertThat(stats.startedAtEnqueueCount()).isEqualTo(before + 1);
        JobInfo done = awaitState(last.get(), JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(ItJobs.runs(lastMark.get().key())).hasSize(1);
        assertThat(jobs.attempts(last.get())).singleElement()
                .satisfies(a -> assertThat(a.node()).isEqualTo(supervisor.nodeName()));

        // the queue is still idle: an enqueue inside a transaction is stored QUEUED all the same
        long atEnqueue = stats.startedAtEnqueueCount();
        ItJobs.Mark inTransaction = mark("at-enqueue-tx");
        JobId committed = support.enqueueAndCommit(inTransaction);
        awaitState(committed, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(stats.startedAtEnqueueCount()).isEqualTo(atEnqueue);

        // and a paused queue's job stays QUEUED, the pause read by the insert itself
        String queue = types.byClass(ItJobs.RecordJob.class).queue();
        jobs.pauseQueue(queue);
        try {
            JobId paused = jobs.enqueue(ItJobs.RecordJob.class, mark("at-enqueue-paused"));
            assertThat(jobs.find(paused).orElseThrow().state()).isEqualTo(JobState.QUEUED);
            assertThat(stats.startedAtEnqueueCount()).isEqualTo(atEnqueue);
            jobs.resumeQueue(queue);
            assertThat(awaitState(paused, JobState.SUCCEEDED, Duration.ofSeconds(20)).attempts()).isEqualTo(1);
        } finally {
            jobs.resumeQueue(queue);
        }
    }

    /**
     * One-by-one enqueues from many threads at once: each caller gets a job of its own that runs
     * once. On PostgreSQL the callers that meet share statements and commits (group commit): the
     * jobs of a paused queue, not yet touched by a claim or a completion, carry fewer storing
     * transactions (xmin) than there are jobs.
     */
    @Test
    void many_callers_enqueueing_one_by_one_at_once_each_get_their_own_job_which_runs_once() throws Exception {
        List<ItJobs.Mark> marks = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<JobId> running = enqueueFromThreads(16, 25, "callers", marks);
        assertThat(running).hasSize(400).doesNotHaveDuplicates();
        await().atMost(Duration.ofMinutes(2)).until(() -> support.succeeded(running) == 400);
        assertThat(marks).allSatisfy(m -> assertThat(ItJobs.runs(m.key())).hasSize(1));

        if (!"postgresql".equals(System.getProperty("eejobs.db"))) {
            return;
        }
        String queue = types.byClass(ItJobs.RecordJob.class).queue();
        jobs.pauseQueue(queue);
        List<JobId> held;
        try {
            held = enqueueFromThreads(16, 10, "callers-paused", new java.util.concurrent.CopyOnWriteArrayList<>());
            assertThat(held).hasSize(160).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED));
            assertThat(support.storingTransactions(held)).as("transactions that stored 160 jobs").isLessThan(160);
        } finally {
            jobs.resumeQueue(queue);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> support.succeeded(held) == 160);
    }

    private List<JobId> enqueueFromThreads(int threads, int each, String what, List<ItJobs.Mark> marks)
            throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            List<java.util.concurrent.Future<List<JobId>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(callers.submit(() -> {
                    start.await();
                    List<JobId> ids = new java.util.ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ItJobs.Mark m = mark(what);
                        marks.add(m);
                        ids.add(jobs.enqueue(ItJobs.RecordJob.class, m));
                    }
                    return ids;
                }));
            }
            List<JobId> all = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<List<JobId>> r : results) {
                all.addAll(r.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_rolled_back_transaction_leaves_no_job_and_a_committed_one_does() {
        ItJobs.Mark rolledBack = mark("rollback");
        assertThatThrownBy(() -> support.enqueueAndRollBack(rolledBack)).hasMessageContaining("caller fails");
        assertThat(support.lastId()).isNotNull();
        assertThat(jobs.find(support.lastId())).isEmpty();

        JobId committed = support.enqueueAndCommit(mark("commit"));
        awaitState(committed, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(ItJobs.runs(rolledBack.key())).isEmpty();
    }

    /**
     * Engine threads must carry a component context in which the container enlists connections:
     * without it every statement of a job's transaction commits on its own and a rollback undoes
     * nothing.
     */
    @Test
    void a_job_s_own_transaction_commits_or_rolls_back_as_a_whole() {
        String committed = "tx-commit-" + UUID.randomUUID();
        String rolledBack = "tx-rollback-" + UUID.randomUUID();
        JobId ok = jobs.enqueue(ItJobs.TransactionalJob.class, new ItJobs.Followup(committed, false));
        JobId failed = jobs.enqueue(ItJobs.TransactionalJob.class, new ItJobs.Followup(rolledBack, true));

        awaitState(ok, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(awaitState(failed, JobState.DEAD, Duration.ofSeconds(20)).lastError())
                .contains("the job's transaction fails");
        await().atMost(Duration.ofSeconds(20)).until(() -> !ItJobs.runs(committed + "-followup").isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> ItJobs.runs(rolledBack + "-followup").isEmpty());
        assertThat(ItJobs.runs(rolledBack)).hasSize(1);
    }

    @Test
    void a_job_of_a_type_no_node_registered_stays_queued_and_is_reported() {
        String type = "it-unknown-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        long id = store.insert(List.of(new NewJob(type, "default", "{}", 0, now, now, 5, "exponential(2)", 5000,
                null))).get(0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> store.find(id).orElseThrow().state() == JobState.QUEUED);
        assertThat(store.find(id).orElseThrow().attempts()).isZero();
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("unknownType." + type, 1L);
        store.cancel(id, Instant.now());
    }

    @Test
    void a_worker_killed_by_a_fatal_error_is_restarted_and_the_job_retried() {
        long restartsBefore = stats.workerRestartCount();
        ItJobs.Mark mark = mark("fatal");
        JobId id = jobs.enqueue(ItJobs.FatalOnceJob.class, mark);
        JobInfo done = awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(done.attempts()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> stats.workerRestartCount() > restartsBefore);
        assertThat(ItJobs.runs(mark.key())).hasSize(2);
    }

    @Test
    void a_thousand_jobs_over_eight_workers_each_run_exactly_once() {
        String batch = "bulk-" + UUID.randomUUID();
        List<ItJobs.Mark> marks = IntStream.range(0, 1000).mapToObj(i -> new ItJobs.Mark(batch + "-" + i)).toList();
        List<JobId> ids = jobs.enqueueAll(ItJobs.RecordJob.class, marks, JobOptions.defaults());
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        await().atMost(Duration.ofMinutes(2)).until(() -> support.succeeded(ids) == 1000);
        assertThat(marks).allSatisfy(m -> assertThat(ItJobs.runs(m.key())).hasSize(1));
    }

    /** A batch this big goes through PostgreSQL's COPY, whose text format must carry every character. */
    @Test
    void a_big_batch_keeps_arguments_with_backslashes_tabs_newlines_and_non_ascii_intact() {
        String batch = "odd-" + UUID.randomUUID();
        List<ItJobs.Mark> marks = IntStream.range(0, 150)
                .mapToObj(i -> new ItJobs.Mark(batch + "-" + i + " tab\there back\\slash \"quoted\" new\nline"
                        + " cr\r \\N é ✓ \u0001"))
                .toList();
        List<JobId> ids = jobs.enqueueAll(ItJobs.RecordJob.class, marks, JobOptions.defaults());
        await().atMost(Duration.ofMinutes(1)).until(() -> support.succeeded(ids) == 150);
        assertThat(marks).allSatisfy(m -> assertThat(ItJobs.runs(m.key())).hasSize(1));
    }
}
