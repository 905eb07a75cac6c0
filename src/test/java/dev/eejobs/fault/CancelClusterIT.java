package dev.eejobs.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a running job on another node: two Payara Micro nodes share a throwaway PostgreSQL
 * (1 s heartbeats); a probe job runs on one of them and is cancelled through the other one's HTTP
 * API. The node running it must learn of the request (a notification, at the latest its next
 * heartbeat), interrupt the job, and write it CANCELLED, never retried.
 */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class CancelClusterIT {

    private static FaultCluster cluster;

    @BeforeAll
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    static void startCluster() throws Exception {
        cluster = FaultCluster.start(2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Test
    void a_job_running_on_one_node_is_cancelled_through_the_other_and_stops_within_a_heartbeat() throws Exception {
        long id = cluster.enqueue(1, 60_000, false, 3).get(0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.runs().of(id).stream().anyMatch(ProbeRuns.Run::open));
        String runnerName = cluster.runs().of(id).get(0).node();
        FaultNode other = cluster.nodes.stream().filter(n -> !n.name.equals(runnerName)).findFirst().orElseThrow();

        Instant cancelAt = Instant.now();
        FaultNode.Answer answer = other.post("/api/jobs/" + id + "/cancel", "demo:demo", Duration.ofSeconds(10));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).contains("\"cancelRequested\":true");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.jobs(List.of(id)).get(id).status().equals("CANCELLED"));
        ProbeRuns.Run run = cluster.runs().of(id).get(0);
        long stoppedAfterMillis = (run.endMicros() - micros(cancelAt)) / 1_000;
        System.out.println("FAULT cancel: runner=" + runnerName + " cancelledVia=" + other.name
                + " stoppedAfterMs=" + stoppedAfterMillis);
        assertThat(run.node()).isEqualTo(runnerName);
        assertThat(run.outcome()).isEqualTo("interrupted:CANCELLED");
        assertThat(stoppedAfterMillis).as("interrupted within about a heartbeat (1 s) of the request")
                .isLessThan(FaultCluster.HEARTBEAT.multipliedBy(3).toMillis());

        Thread.sleep(FaultCluster.HEARTBEAT.multipliedBy(3).toMillis()); // a retry, if any, would have started by now
        assertThat(cluster.runs().of(id)).as("runs of the cancelled job").hasSize(1);
        FaultCluster.JobRow row = cluster.jobs(List.of(id)).get(id);
        assertThat(row.status()).isEqualTo("CANCELLED");
        assertThat(row.attempts()).isEqualTo(1);
        try (Connection c = cluster.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT outcome, node FROM eejobs_attempt WHERE job_id = ? ORDER BY id")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("an attempt row").isTrue();
                assertThat(rs.getString(1)).isEqualTo("CANCELLED");
                assertThat(rs.getString(2)).isNotBlank();
                assertThat(rs.next()).as("one attempt only").isFalse();
            }
        }
    }
}
