package dev.eejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static final String SHARED = "shared";

    private static Results sharedRun() {
        Results results = new Results(16);
        results.target(SHARED, "test");
        return results;
    }

    @Test
    void several_nodes_ratios_compare_each_layout_with_the_peer_in_the_same_layout() {
        Results results = sharedRun();
        for (int k : List.of(1, 2)) {
            results.record(SHARED, Results.EEJOBS, Scenarios.nodesSingle(k), 3000);
            results.record(SHARED, DbSchedulerRuns.NAME_PROCESSES, Scenarios.nodesSingle(k), 2000);
            results.record(SHARED, DbSchedulerRuns.NAME, Scenarios.nodesSingle(k), 1000);
        }
        results.record(SHARED, Results.EEJOBS_ONE_SERVER, Scenarios.nodesSingle(2), 4000);

        String report = report(results);

        // servers against JVMs of their own: 3,000 / 2,000; one server against one JVM: 4,000 / 1,000
        assertThat(report).contains("| ratio eejobs/db-scheduler-jvms | 1.50× | 1.50× |  |")
                .contains("| ratio eejobs-one-server/db-scheduler | — | 4.00× |  |")
                .doesNotContain("ratio eejobs/db-scheduler |")
                .doesNotContain("ratio eejobs-one-server/db-scheduler-jvms");
    }

    @Test
    void without_the_peer_in_jvms_of_its_own_the_servers_are_compared_with_its_one_jvm() {
        Results results = sharedRun();
        results.record(SHARED, Results.EEJOBS, Scenarios.nodesSingle(1), 3000);
        results.record(SHARED, DbSchedulerRuns.NAME, Scenarios.nodesSingle(1), 1000);

        assertThat(report(results)).contains("| ratio eejobs/db-scheduler | 3.00× |");
    }

    @Test
    void a_run_of_the_one_server_layout_alone_prints_its_several_nodes_table() {
        Results results = sharedRun();
        results.record(SHARED, DbSchedulerRuns.NAME, Scenarios.nodesSingle(1), 1000);
        results.record(SHARED, DbSchedulerRuns.NAME, Scenarios.nodesSingle(2), 1500);
        results.record(SHARED, Results.EEJOBS_ONE_SERVER, Scenarios.nodesSingle(2), 3000);
        results.record(SHARED, Results.EEJOBS_ONE_SERVER,
                Scenarios.nodesCount("fenced_writes", "fenced writes (stale lease refused)", 2), 0);

        assertThat(report(results))
                .contains("| one-by-one enqueue, 1 caller per node | shared | eejobs-one-server | — | 3,000 |")
                .contains("| one-by-one enqueue, 1 caller per node | shared | db-scheduler | 1,000 | 1,500 | 150 % |")
                .contains("| ratio eejobs-one-server/db-scheduler | — | 2.00× |  |")
                .contains("| fenced writes (stale lease refused) | shared | eejobs-one-server | — | 0 |");
    }

    @Test
    void a_peer_measured_only_on_several_nodes_gets_no_column_in_the_one_node_table() {
        Results results = sharedRun();
        results.record(SHARED, Results.EEJOBS, Scenarios.single(1), 3000);
        results.record(SHARED, DbSchedulerRuns.NAME, Scenarios.single(1), 2000);
        results.record(SHARED, Results.EEJOBS, Scenarios.nodesSingle(1), 3000);
        results.record(SHARED, DbSchedulerRuns.NAME_PROCESSES, Scenarios.nodesSingle(1), 2000);

        assertThat(report(results)).contains("| scenario | shared: eejobs | shared: db-scheduler | shared: ratio |")
                .doesNotContain("shared: db-scheduler-jvms");
    }

    private static String report(Results results) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            results.report();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
