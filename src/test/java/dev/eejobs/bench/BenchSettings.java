package dev.eejobs.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Every {@code bench.*} system property with its default, read once. Sizes are job counts.
 *
 * @param targets which PostgreSQL servers to run on: {@code shared} (127.0.0.1:5432), {@code stock}
 *     (a throwaway instance with initdb's settings) and/or {@code url} ({@code jdbcUrl})
 * @param jdbcUrl a PostgreSQL database of the caller's own ({@code jdbc:postgresql://host:port/db})
 * @param peers systems run beside eejobs: {@code db-scheduler} and {@code jobrunr}, or none
 * @param nodes node counts of the several-nodes mode (empty: skipped)
 * @param nodeLayouts how the nodes run in that mode: {@code servers} (one Payara Micro server each;
 *     the peer's schedulers one JVM each) and/or {@code one-server} (k applications in one server: k
 *     engines in one JVM, from 2 nodes; the peer's k schedulers in the benchmark's JVM)
 * @param nodeSingle the jobs of the several-nodes mode's one-by-one enqueue, all nodes together: enough
 *     for a window of seconds, not the first second after a start
 * @param scaleSizes the backlog sizes compared by the opt-in scale mode (empty: skipped)
 * @param stockPgOptions extra {@code postgres} options for the throwaway instance (profiling only)
 * @param enqueueScenarios which enqueue scenarios run (and are warmed up): bulk, http, single, latency,
 *     delayed (the latency of jobs enqueued with a delay, counted from their due time),
 *     not-due (one-by-one enqueue of jobs due tomorrow, so nothing is claimed beside it; off by default)
 * @param callers the caller counts of one-by-one enqueue
 * @param settlePasses at most this many rehearsals of the one-by-one rounds ({@link JitSettling}; 0: none)
 * @param settleJit the share of a rehearsal's wall time spent compiling below which a JVM has settled
 */
record BenchSettings(List<String> targets, String jdbcUrl, String user, String password, String db, Path pgBin,
        String stockPgOptions, List<String> peers, int port, int workers, int repeats, List<Integer> drainSizes,
        int warmup, int settlePasses, double settleJit, int bulk, int single, int latencyJobs, int rate,
        boolean drainOnly, List<String> enqueueScenarios,
        List<Integer> callers, List<Integer> nodes, List<String> nodeLayouts,
        int nodeDrain, int nodeSingle, List<Integer> scaleSizes, String jvmArgs, Path dir) {

    static BenchSettings fromSystemProperties() {
        String jdbcUrl = System.getProperty("bench.jdbcUrl", "").trim();
        return new BenchSettings(
                list("bench.targets", jdbcUrl.isEmpty() ? "shared,stock" : "url"),
                jdbcUrl,
                System.getProperty("bench.user", "postgres"),
                System.getProperty("bench.password", ""),
                System.getProperty("bench.db", "eejobs_bench"),
                Path.of(System.getProperty("bench.pgBin", "/usr/lib/postgresql/15/bin")),
                System.getProperty("bench.stockPgOptions", "").trim(),
                list("bench.peers", "db-scheduler,jobrunr").stream().filter(p -> !p.equals("none")).toList(),
                Integer.getInteger("bench.port", 8095),
                Integer.getInteger("bench.workers", 16),
                Integer.getInteger("bench.repeats", 3),
                sizes("bench.drain", "10000,100000"),
                Integer.getInteger("bench.warmup", 20_000),
                Integer.getInteger("bench.settlePasses", 12),
                Double.parseDouble(System.getProperty("bench.settleJit", "0.03")),
                Integer.getInteger("bench.bulk", 100_000),
                Integer.getInteger("bench.single", 5_000),
                Integer.getInteger("bench.latency", 2_000),
                Integer.getInteger("bench.rate", 200),
                Boolean.getBoolean("bench.drainOnly"),
                list("bench.enqueueScenarios", "bulk,http,single,latency,delayed"),
                sizes("bench.callers", "1,8"),
                sizes("bench.nodes", "1,2,3"),
                list("bench.nodeLayouts", "servers,one-server"),
                Integer.getInteger("bench.nodeDrain", 100_000),
                Integer.getInteger("bench.nodeSingle", 40_000),
                Boolean.getBoolean("bench.scale") ? sizes("bench.scaleSizes", "10000,1000000") : List.of(),
                System.getProperty("bench.jvmArgs", "").trim(),
                Path.of("target", "bench").toAbsolutePath());
    }

    boolean runs(String enqueueScenario) {
        return !drainOnly && enqueueScenarios.contains(enqueueScenario);
    }

    /** Whether any scenario enqueues one by one: those are warmed up and settled with 8 and 1 callers. */
    boolean runsOneByOne() {
        return runs("single") || runs("not-due") || runs("latency") || runs("delayed");
    }

    boolean runsPeer(String peer) {
        return peers.contains(peer);
    }

    /** Node counts beyond one: without any, the several-nodes mode has nothing to compare. */
    boolean severalNodes() {
        return nodes.stream().anyMatch(n -> n > 1);
    }

    private static List<String> list(String key, String fallback) {
        return Arrays.stream(System.getProperty(key, fallback).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> sizes(String key, String fallback) {
        return list(key, fallback).stream().map(Integer::parseInt).toList();
    }
}
