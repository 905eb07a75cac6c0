package dev.eejobs.bench;

import dev.eejobs.bench.Results.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one-node scenarios on a peer that runs in the benchmark's own JVM, measured as eejobs is:
 * drain rates from the times its no-op task notes at its start and end ({@link PeerTaskLog}),
 * one-by-one enqueue by the callers' wall time and again until every job has run (with the CPU it
 * cost until then), latency from just before the enqueue call to the task's start. A peer says
 * how it enqueues one job and a bulk of them, how it drains a preloaded backlog, and how many of
 * its jobs have not run.
 */
abstract class PeerRuns {

    final BenchSettings settings;
    final PostgresTarget target;
    final Results results;
    final String name;
    /** The peer's own database on the target's server. */
    final String database;
    final PeerTaskLog log;
    final AtomicLong nextId = new AtomicLong();
    private final AtomicLong callerCpu = new AtomicLong();

    PeerRuns(String name, BenchSettings settings, PostgresTarget target, Results results) {
        this.name = name;
        this.settings = settings;
        this.target = target;
        this.results = results;
        this.database = target.peerDatabase(name);
        this.log = new PeerTaskLog(name);
    }

    /** Creates the peer's database and tables if missing. */
    abstract void ensureSchema() throws Exception;

    /** Starts the peer instance of the enqueue scenarios, with {@code bench.workers} workers. */
    abstract void start() throws Exception;

    /** Stops the instance {@link #start()} started; nothing if none runs. */
    abstract void stop() throws Exception;

    /** Enqueues one job with the task instance id {@code id}, due at {@code due}, as the peer's users do. */
    abstract void enqueue(String id, Instant due) throws Exception;

    /**
     * Enqueues {@code n} jobs due tomorrow in one call, as the peer offers it.
     *
     * @return jobs per second of the call
     */
    abstract double bulk(int n) throws Exception;

    /** Drains {@code warmup + n} preloaded due jobs with a fresh instance; records the rate of the last n. */
    abstract void drain(int n) throws Exception;

    /** A query of one row and column: how many jobs are stored and not yet run. */
    abstract String pendingQuery();

    /** Removes every job. */
    abstract void truncate() throws Exception;

    /** Starts the enqueue scenarios' instance and warms it up as eejobs is. */
    void startEnqueues() throws Exception {
        truncate();
        start();
        try {
            if (settings.warmup() > 0) {
                if (settings.runs("bulk")) {
                    bulk(settings.warmup());
                    truncate();
                }
                if (settings.runsOneByOne()) {
                    for (int callers : List.of(8, 1)) {
                        single(settings.warmup(), callers, Duration.ZERO);
                        awaitRun(Duration.ofMinutes(3));
                        truncate();
                    }
                }
            }
        } catch (Exception | Error e) {
            stopEnqueues();
            throw e;
        }
    }

    void stopEnqueues() throws Exception {
        stop();
    }

    /** The enqueue scenarios' instance, for {@link JitSettling}: it runs in this JVM. */
    JitSettling.Subject settling() {
        return new JitSettling.Subject(name, JitSettling::ownCompileMillis);
    }

    void bulkRound() throws Exception {
        record(Scenarios.bulk(settings.bulk()), bulk(settings.bulk()));
        truncate();
    }

    /** One-by-one enqueue with the workers running, and the CPU it cost. */
    void singleRound(int callers) throws Exception {
        JitSettling.awaitQuiet(JitSettling::ownCompileMillis);
        OptionalLong pgBefore = target.serverCpuNanos();
        long jvmBefore = CpuTime.process();
        long jitBefore = JitSettling.ownCompileMillis();
        int n = settings.single() / callers * callers;
        callerCpu.set(0);
        log.startWindow();
        Window w = single(n, callers, Duration.ZERO);
        long left = pending();
        // the CPU of every job counts, also of those run after the callers returned
        awaitRun(Duration.ofMinutes(2));
        long jvmAfter = CpuTime.process();
        OptionalLong pgAfter = target.serverCpuNanos();
        System.out.printf("BENCH_NODE system=%s callers=%d jobs=%d compiling_ms=%d%n", name, callers, n,
                JitSettling.ownCompileMillis() - jitBefore);
        record(Scenarios.single(callers), w.rate());
        record(Scenarios.cpu(callers, "caller"), callerCpu.get() / 1e3 / n);
        double jvm = (jvmAfter - jvmBefore) / 1e3 / n;
        record(Scenarios.cpu(callers, "jvm"), jvm);
        if (pgBefore.isPresent()) {
            double postgres = (pgAfter.getAsLong() - pgBefore.getAsLong()) / 1e3 / n;
            record(Scenarios.cpu(callers, "postgres"), postgres);
            record(Scenarios.cpu(callers, "total"), jvm + postgres);
        }
        record(Scenarios.singleDone(callers), w.rateUntil(log.lastEnd()));
        System.out.printf("BENCH_NODE system=%s callers=%d jobs=%d not_yet_run_when_callers_returned=%d%n", name,
                callers, n, left);
        truncate();
    }

    void notDueRound(int callers) throws Exception {
        record(Scenarios.singleNotDue(callers), single(settings.single(), callers, Duration.ofDays(1)).rate());
        truncate();
    }

    void latencyRound() throws Exception {
        List<Long> sorted = latency(settings.latencyJobs(), settings.rate(), Duration.ZERO);
        record(Scenarios.latency("p50", settings.rate()), percentile(sorted, 0.50) / 1e6);
        record(Scenarios.latency("p99", settings.rate()), percentile(sorted, 0.99) / 1e6);
        truncate();
    }

    void delayedRound() throws Exception {
        List<Long> sorted = latency(settings.latencyJobs(), settings.rate(), Duration.ofMillis(Scenarios.DELAY_MS));
        record(Scenarios.delayed("p50", settings.rate()), percentile(sorted, 0.50) / 1e6);
        record(Scenarios.delayed("p99", settings.rate()), percentile(sorted, 0.99) / 1e6);
        truncate();
    }

    /** The callers' wall time: from just before the first enqueue call to the return of the last. */
    record Window(int jobs, long startNanos, long endNanos) {

        double rate() {
            return jobs / ((endNanos - startNanos) / 1e9);
        }

        /** @param lastRun {@link System#nanoTime()} when the last of the jobs had run */
        double rateUntil(long lastRun) {
            return jobs / ((Math.max(lastRun, endNanos) - startNanos) / 1e9);
        }
    }

    /** @param due how long after its enqueue call each job is due */
    private Window single(int n, int callers, Duration due) throws Exception {
        int each = n / callers;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                running.add(threads.submit(() -> {
                    long cpuBefore = CpuTime.thread();
                    for (int i = 0; i < each; i++) {
                        enqueue("s-" + nextId.incrementAndGet(), Instant.now().plus(due));
                    }
                    callerCpu.addAndGet(CpuTime.thread() - cpuBefore);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            return new Window(each * callers, start, System.nanoTime());
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Enqueues jobs at a steady rate, each {@code delay} after its enqueue call; the times from
     * each one's due time (taken just before the call) to its task's start.
     */
    private List<Long> latency(int n, int rate, Duration delay) throws Exception {
        log.startLatency(n);
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(next - System.nanoTime()); // pacing the load, not waiting for a result
            log.scheduling(i, System.nanoTime() + delay.toNanos());
            enqueue("l-" + i, Instant.now().plus(delay));
            next += period;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60) + delay.toNanos();
        while (log.latencies().size() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        List<Long> sorted = new ArrayList<>(log.latencies());
        sorted.sort(null);
        return sorted;
    }

    /** @return jobs stored and not yet run */
    long pending() throws SQLException {
        try (Connection c = target.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(pendingQuery())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until every stored job has run, asking on one connection every 20 ms. */
    void awaitRun(Duration max) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(pendingQuery())) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        throw new IllegalStateException(name + ": jobs still not run after " + max);
    }

    void record(Scenario scenario, double value) {
        recordAs(name, scenario, value);
    }

    void recordAs(String system, Scenario scenario, double value) {
        results.record(target.name(), system, scenario, value);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
