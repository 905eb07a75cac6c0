package dev.eejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JitSettlingTest {

    private static final String SHARED = "shared";

    private final List<Integer> rounds = new ArrayList<>();

    @AfterEach
    void clearSettings() {
        System.clearProperty("bench.settlePasses");
    }

    private static BenchSettings settings(int turns) {
        System.setProperty("bench.settlePasses", Integer.toString(turns));
        return BenchSettings.fromSystemProperties();
    }

    /** A JVM that compiles for 1 s in each of its first {@code busyTurns} turns, then not at all. */
    private static JitSettling.Subject compilingFor(String system, int busyTurns, AtomicLong turn) {
        return new JitSettling.Subject(system, () -> 1_000 * Math.min(turn.get(), busyTurns));
    }

    @Test
    void rehearses_until_every_jvm_compiled_below_its_share_in_the_same_turn() throws Exception {
        AtomicLong turn = new AtomicLong();
        List<JitSettling.Subject> jvms = List.of(compilingFor("eejobs", 2, turn), compilingFor("peer", 1, turn));

        quietly(() -> JitSettling.settle(settings(12), new Results(16), jvms, callers -> {
            rounds.add(callers);
            if (callers == 1) {
                turn.incrementAndGet(); // a turn's compilation shows once its rounds ran
            }
        }));

        // turns 1 and 2: eejobs compiled 1 s in a turn of microseconds; turn 3: neither compiled
        assertThat(rounds).containsExactly(8, 1, 8, 1, 8, 1);
    }

    @Test
    void a_jvm_that_never_settles_is_rehearsed_at_most_the_configured_turns() throws Exception {
        AtomicLong turn = new AtomicLong();
        List<JitSettling.Subject> jvms = List.of(compilingFor("eejobs", Integer.MAX_VALUE, turn));

        quietly(() -> JitSettling.settle(settings(4), new Results(16), jvms, callers -> {
            rounds.add(callers);
            turn.incrementAndGet();
        }));

        assertThat(rounds).hasSize(8);
    }

    @Test
    void figures_taken_while_rehearsing_stay_out_of_the_results() throws Exception {
        Results results = new Results(16);
        results.target(SHARED, "test");
        AtomicLong turn = new AtomicLong();

        quietly(() -> JitSettling.settle(settings(1), results,
                List.of(compilingFor("eejobs", 0, turn)),
                callers -> results.record(SHARED, Results.EEJOBS, Scenarios.single(callers), 1_234)));
        results.record(SHARED, Results.EEJOBS, Scenarios.single(1), 5_678);

        String report = quietly(results::report);
        assertThat(report).contains("5,678").doesNotContain("1,234");
    }

    @Test
    void a_several_nodes_round_is_rehearsed_until_the_slowest_node_to_settle_is_quiet() throws Exception {
        AtomicLong turn = new AtomicLong();
        List<JitSettling.Subject> nodes = List.of(compilingFor("node-1", 1, turn), compilingFor("node-2", 3, turn),
                compilingFor("node-3", 2, turn));

        String printed = quietly(() -> JitSettling.rehearse(settings(12), "nodes", nodes, turn::incrementAndGet));

        // node-2 compiles in turns 1-3, so turn 4 is the first in which no node compiled
        assertThat(turn.get()).isEqualTo(4);
        assertThat(printed).contains("BENCH_SETTLE sequence=nodes turns=4 settled=true");
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs the step with System.out captured; returns what it printed. */
    private static String quietly(Step step) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
