package dev.eejobs.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Rehearses the one-by-one rounds, and the several-nodes enqueue round, until every JVM's JIT
 * compiler has caught up, so that the measured rounds find both systems at their steady state. A
 * server that has just started queues thousands of its own methods for the optimising compiler,
 * and while that queue is long HotSpot raises the thresholds for queueing more: the library's hot
 * path, warmed on 20,000 jobs, was still being compiled in the first measured rounds (3 s of
 * compilation in the first 7 s of a round), which counted the compiler's CPU as the jobs' and ran
 * slower. The peer runs in the benchmark's own JVM and gets the same rule. A rehearsal is the
 * measured sequence itself (every system's round with 8 callers, then with 1, and pgbench's), its
 * figures printed as {@code BENCH_REHEARSAL} lines and left out of the results: anything a round
 * does around its jobs (reading /metrics, the CPU counters, starting pgbench) is compiled by then
 * too. Every system rehearses in every turn, because a JVM left idle while another settles loses
 * compiled code it no longer runs (the code cache's sweeper) and compiles it again in the first
 * measured round.
 */
final class JitSettling {

    /** A system's JVM: its accumulated compilation time, in milliseconds. */
    record Subject(String system, CompileMillis compileMillis) {}

    /** The JVM's accumulated compilation time, in milliseconds. */
    @FunctionalInterface
    interface CompileMillis {
        long read() throws Exception;
    }

    /** The one-by-one rounds of every system with this many callers. */
    @FunctionalInterface
    interface Rounds {
        void run(int callers) throws Exception;
    }

    /** One rehearsal of a measured sequence. */
    @FunctionalInterface
    interface Turn {
        void run() throws Exception;
    }

    private JitSettling() {}

    /** This JVM's accumulated compilation time, in milliseconds. */
    static long ownCompileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Waits (at most 3 s) until the JVM has compiled nothing for 200 ms, so that compilations set
     * off by what a round does before its window opens (reading /metrics, the CPU counters) are
     * not counted as the jobs' CPU.
     */
    static void awaitQuiet(CompileMillis compileMillis) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        long last = compileMillis.read();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = compileMillis.read();
            if (now == last) {
                return;
            }
            last = now;
        }
    }

    /**
     * Rehearses the one-by-one rounds (8 callers, then 1) until, in one turn, every JVM compiled
     * for less than {@code bench.settleJit} of the turn's wall time, or {@code bench.settlePasses}
     * turns ran.
     */
    static void settle(BenchSettings settings, Results results, List<Subject> subjects, Rounds rounds)
            throws Exception {
        if (settings.settlePasses() <= 0) {
            return;
        }
        results.rehearsal(true);
        try {
            rehearse(settings, "one-by-one", subjects, () -> {
                rounds.run(8);
                rounds.run(1);
            });
        } finally {
            results.rehearsal(false);
        }
    }

    /**
     * Rehearses {@code turn} by the same rule as {@link #settle}: the several-nodes mode's enqueue
     * round, whose nodes (each a JVM just started, in the servers layout) would otherwise still
     * be compiling when it is measured.
     *
     * @param sequence what is rehearsed, for the {@code BENCH_SETTLE} lines
     */
    static void rehearse(BenchSettings settings, String sequence, List<Subject> subjects, Turn turn)
            throws Exception {
        int turns = 0;
        boolean settled = false;
        while (!settled && turns < settings.settlePasses()) {
            turns++;
            long[] before = new long[subjects.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = subjects.get(i).compileMillis().read();
            }
            long start = System.nanoTime();
            turn.run();
            double wallMillis = (System.nanoTime() - start) / 1e6;
            settled = true;
            for (int i = 0; i < before.length; i++) {
                double share = (subjects.get(i).compileMillis().read() - before[i]) / wallMillis;
                System.out.printf("BENCH_SETTLE sequence=%s system=%s turn=%d compiling=%.1f%% of %.1f s%n", sequence,
                        subjects.get(i).system(), turns, share * 100, wallMillis / 1e3);
                settled &= share < settings.settleJit();
            }
        }
        System.out.printf("BENCH_SETTLE sequence=%s turns=%d settled=%b%n", sequence, turns, settled);
    }
}
