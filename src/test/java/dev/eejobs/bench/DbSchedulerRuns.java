package dev.eejobs.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The same scenarios on db-scheduler, the peer issue 14 measures against: plain db-scheduler (no
 * Spring) in this JVM (in the several-nodes mode's servers layout, one JVM per scheduler), its own
 * database on the same PostgreSQL, the table from its documentation,
 * lock-and-fetch polling every 100 ms, {@code bench.workers} threads, a HikariCP pool as big as
 * Payara's default (32), a no-op one-time task. Everything else at db-scheduler's defaults.
 * Measured as eejobs is: drain rates from the times the task itself notes at its start and end,
 * one-by-one enqueue by the callers' wall time and again until every execution has run (with the CPU
 * it cost until then), latency from just before the schedule call to the task's start.
 */
final class DbSchedulerRuns extends PeerRuns {

    static final String NAME = "db-scheduler";
    /** The several-nodes mode with each scheduler in a JVM of its own. */
    static final String NAME_PROCESSES = "db-scheduler-jvms";
    /** The no-op task's name, as the drain's preloaded executions carry it. */
    static final String TASK = "bench-noop";

    private final OneTimeTask<Void> noop = Tasks.oneTime(TASK).execute((instance, context) -> {
        long started = System.nanoTime();
        log.ran(instance.getId(), started, System.nanoTime());
    });

    DbSchedulerRuns(BenchSettings settings, PostgresTarget target, Results results) {
        super(NAME, settings, target, results);
    }

    /** Creates the database and db-scheduler's PostgreSQL table (as its documentation gives it) if missing. */
    @Override
    void ensureSchema() throws SQLException {
        target.ensureDatabase(database);
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS scheduled_tasks (
                      task_name text NOT NULL,
                      task_instance text NOT NULL,
                      task_data bytea,
                      execution_time timestamp with time zone NOT NULL,
                      picked BOOLEAN NOT NULL,
                      picked_by text,
                      last_success timestamp with time zone,
                      last_failure timestamp with time zone,
                      consecutive_failures INT,
                      last_heartbeat timestamp with time zone,
                      version BIGINT NOT NULL,
                      priority SMALLINT,
                      PRIMARY KEY (task_name, task_instance))""");
            s.execute("CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)");
            s.execute("CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
            s.execute("CREATE INDEX IF NOT EXISTS priority_execution_time_idx"
                    + " ON scheduled_tasks (priority DESC, execution_time ASC)");
        }
    }

    /** The scheduler of the enqueue scenarios, between {@link #start()} and {@link #stop()}. */
    private HikariDataSource enqueueData;
    private Scheduler enqueueScheduler;

    @Override
    void start() {
        enqueueData = dataSource();
        enqueueScheduler = scheduler(enqueueData);
        enqueueScheduler.start();
    }

    @Override
    void stop() {
        try {
            if (enqueueScheduler != null) {
                enqueueScheduler.stop();
            }
        } finally {
            if (enqueueData != null) {
                enqueueData.close();
            }
            enqueueScheduler = null;
            enqueueData = null;
        }
    }

    /** {@code Scheduler.schedule}: one insert, committed on its own. */
    @Override
    void enqueue(String id, Instant due) {
        enqueueScheduler.schedule(noop.instance(id), due);
    }

    /** {@code Scheduler.scheduleBatch}: one JDBC batch. */
    @Override
    double bulk(int n) {
        List<TaskInstance<?>> instances = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            instances.add(noop.instance("b-" + nextId.incrementAndGet()));
        }
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        long start = System.nanoTime();
        enqueueScheduler.scheduleBatch(instances, tomorrow);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Drains {@code warmup + n} preloaded due executions with a fresh scheduler; the rate of the last n. */
    @Override
    void drain(int n) throws Exception {
        int warmup = settings.warmup();
        preload(warmup + n);
        log.startDrain(warmup, n);
        try (HikariDataSource ds = dataSource()) {
            Scheduler scheduler = scheduler(ds);
            scheduler.start();
            try {
                awaitRun(Duration.ofSeconds(120 + (warmup + n) / 100));
            } finally {
                scheduler.stop();
            }
        }
        record(Scenarios.drain(n), log.drainRate());
    }

    /**
     * The several-nodes mode: {@code k} schedulers on one table, each with its own pool and
     * threads, as {@code k} instances of an application would run, here in this one JVM: the
     * layout to set beside eejobs' {@code k} nodes in one server ({@link #nodesInProcesses} is the
     * one to set beside its {@code k} servers). A drain of the
     * preloaded backlog, then one-by-one enqueue with one caller per scheduler, all at once,
     * rehearsed as eejobs' is ({@link JitSettling}).
     */
    void nodes(int k) throws Exception {
        int warmup = settings.warmup() * k; // as for eejobs' nodes
        int n = settings.nodeDrain();
        preload(warmup + n);
        log.startDrain(warmup, n);
        List<HikariDataSource> pools = new ArrayList<>();
        List<Scheduler> schedulers = new ArrayList<>();
        try {
            for (int i = 0; i < k; i++) {
                pools.add(dataSource());
                schedulers.add(scheduler(pools.get(i), "bench-" + i));
            }
            schedulers.forEach(Scheduler::start);
            awaitRun(Duration.ofSeconds(120 + (warmup + n) / 100));
            record(Scenarios.nodesDrain(n, k), log.drainRate());
            unmeasured(() -> singleOnEach(schedulers, settings.warmup()));
            JitSettling.rehearse(settings, "nodes", List.of(settling()),
                    () -> unmeasured(() -> singleOnEach(schedulers, settings.nodeSingle() / k)));
            log.startWindow();
            Window w = singleOnEach(schedulers, settings.nodeSingle() / k);
            long left = pending();
            record(Scenarios.nodesSingle(k), w.rate());
            awaitRun(Duration.ofMinutes(2));
            record(Scenarios.nodesSingleDone(k), w.rateUntil(log.lastEnd()));
            System.out.printf("BENCH_NODE system=%s nodes=%d jobs=%d not_yet_run_when_callers_returned=%d%n", NAME,
                    k, w.jobs(), left);
            truncate();
        } finally {
            schedulers.forEach(Scheduler::stop);
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * The several-nodes mode with each scheduler in a JVM of its own ({@link DbSchedulerProcess}),
     * as each eejobs node is a server of its own: the same drain and one-by-one enqueue as
     * {@link #nodes}, recorded as {@link #NAME_PROCESSES}. The schedulers start with their claims
     * held back by a table lock, as eejobs' nodes do, so that all of them drain from the start.
     */
    void nodesInProcesses(int k) throws Exception {
        int warmup = settings.warmup() * k;
        int n = settings.nodeDrain();
        preload(warmup + n);
        List<PeerProcess> nodes = new ArrayList<>();
        try {
            try (Connection hold = target.connect(database); Statement s = hold.createStatement()) {
                hold.setAutoCommit(false);
                s.execute("LOCK TABLE scheduled_tasks IN EXCLUSIVE MODE"); // lock-and-fetch's FOR UPDATE waits
                for (int i = 0; i < k; i++) {
                    nodes.add(PeerProcess.start(settings.dir(), NAME_PROCESSES + "-" + i, List.of(target.url(database),
                            target.user(), target.password(), "bench-" + i, Integer.toString(settings.workers()),
                            Integer.toString(warmup))));
                }
                for (PeerProcess node : nodes) {
                    node.await("READY");
                }
                hold.commit();
            }
            awaitRun(Duration.ofSeconds(120 + (warmup + n) / 100));
            long count = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (PeerProcess node : nodes) {
                node.send("drained");
                String[] d = node.await("DRAIN");
                count += Long.parseLong(d[0]);
                first = Math.min(first, Long.parseLong(d[1]));
                last = Math.max(last, Long.parseLong(d[2]));
            }
            if (count != n) {
                throw new IllegalStateException(NAME_PROCESSES + ": " + count + " of the drain's " + n
                        + " executions counted");
            }
            recordAs(NAME_PROCESSES, Scenarios.nodesDrain(n, k), count / ((last - first) / 1e6));
            unmeasured(() -> allAtOnce(nodes, settings.warmup(), "w"));
            JitSettling.rehearse(settings, "nodes", settling(nodes),
                    () -> unmeasured(() -> allAtOnce(nodes, settings.nodeSingle() / k, "r")));
            long[] window = allAtOnce(nodes, settings.nodeSingle() / k, "s");
            long jobs = (long) settings.nodeSingle() / k * k;
            long left = pending();
            recordAs(NAME_PROCESSES, Scenarios.nodesSingle(k), jobs / ((window[1] - window[0]) / 1e6));
            awaitRun(Duration.ofMinutes(2));
            long lastRun = window[1];
            for (PeerProcess node : nodes) {
                node.send("last");
                lastRun = Math.max(lastRun, Long.parseLong(node.await("LAST")[0]));
            }
            recordAs(NAME_PROCESSES, Scenarios.nodesSingleDone(k), jobs / ((lastRun - window[0]) / 1e6));
            System.out.printf("BENCH_NODE system=%s nodes=%d jobs=%d not_yet_run_when_callers_returned=%d%n",
                    NAME_PROCESSES, k, jobs, left);
            truncate();
        } finally {
            for (PeerProcess node : nodes) {
                node.close();
            }
        }
    }

    /** Enqueues that are not measured (a warm-up, a rehearsal): they run, then the table is emptied. */
    private void unmeasured(JitSettling.Turn enqueues) throws Exception {
        enqueues.run();
        awaitRun(Duration.ofMinutes(3));
        truncate();
    }

    /** Each process's JVM, for {@link JitSettling}. */
    private static List<JitSettling.Subject> settling(List<PeerProcess> nodes) {
        List<JitSettling.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            PeerProcess node = nodes.get(i);
            subjects.add(new JitSettling.Subject(NAME_PROCESSES + "-" + (i + 1), () -> {
                node.send("jit");
                return Long.parseLong(node.await("JIT")[0]);
            }));
        }
        return subjects;
    }

    /**
     * One caller in each process, all at once.
     *
     * @return the first start and the last end of their windows, wall-clock microseconds
     */
    private static long[] allAtOnce(List<PeerProcess> nodes, int each, String prefix) throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).send("single " + each + " " + prefix + i + "-");
        }
        long[] window = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (PeerProcess node : nodes) {
            String[] w = node.await("WINDOW");
            window[0] = Math.min(window[0], Long.parseLong(w[0]));
            window[1] = Math.max(window[1], Long.parseLong(w[1]));
        }
        return window;
    }

    /** One caller per scheduler, all at once: the jobs of all over the wall time of all. */
    private Window singleOnEach(List<Scheduler> schedulers, int each) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(schedulers.size());
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Scheduler scheduler : schedulers) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        scheduler.schedule(noop.instance("s-" + nextId.incrementAndGet()), Instant.now());
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            return new Window(each * schedulers.size(), start, System.nanoTime());
        } finally {
            threads.shutdown();
        }
    }

    /** Executions 1 to {@code total}, all due an hour ago in id order, none picked. */
    private void preload(int total) throws SQLException {
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("TRUNCATE scheduled_tasks");
            s.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                    + " SELECT '" + TASK + "', g::text, now() - interval '1 hour' + g * interval '1 microsecond',"
                    + " false, 1 FROM generate_series(1, " + total + ") g");
            s.execute("VACUUM ANALYZE scheduled_tasks");
        }
    }

    @Override
    void truncate() throws SQLException {
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("TRUNCATE scheduled_tasks");
            s.execute("VACUUM ANALYZE scheduled_tasks");
        }
    }

    /** One-time executions are deleted when they succeed: what the table holds has not run. */
    @Override
    String pendingQuery() {
        return "SELECT count(*) FROM scheduled_tasks";
    }

    private HikariDataSource dataSource() {
        return pool(target.url(database), target.user(), target.password(), NAME);
    }

    /** The pool of every db-scheduler of the benchmark, in this JVM or one of its own: Payara's default size. */
    static HikariDataSource pool(String url, String user, String password, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(32);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private Scheduler scheduler(HikariDataSource ds) {
        return scheduler(ds, "bench");
    }

    /** @param name the scheduler's name, distinct per instance sharing the table */
    private Scheduler scheduler(HikariDataSource ds, String name) {
        return configure(Scheduler.create(ds, noop), name, settings.workers()).build();
    }

    /** The settings every db-scheduler of the benchmark runs with, in this JVM or in one of its own. */
    static SchedulerBuilder configure(SchedulerBuilder builder, String name, int workers) {
        return builder.schedulerName(new SchedulerName.Fixed(name))
                .threads(workers)
                .pollingInterval(Duration.ofMillis(100))
                .pollUsingLockAndFetch(0.5, 1.0);
    }
}
