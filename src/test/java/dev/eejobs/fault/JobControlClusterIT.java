package dev.eejobs.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Job control across two Payara Micro nodes sharing a throwaway PostgreSQL: unique keys hold for
 * concurrent enqueues through both nodes' HTTP APIs, and a queue paused through one node is
 * claimed by neither until it is resumed through the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JobControlClusterIT {

    private static final String QUEUE = "fault";
    private static final String DEMO = "demo:demo";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static FaultCluster cluster;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void startCluster() throws Exception {
        cluster = FaultCluster.start(2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static FaultNode.Answer post(FaultNode node, String path, String json) {
        return json == null ? node.post(path, DEMO, TIMEOUT) : node.post(path, DEMO, json, TIMEOUT);
    }

    private static String status(String id) throws Exception {
        return cluster.jobs(List.of(Long.parseLong(id))).get(Long.parseLong(id)).status();
    }

    @Test
    @Order(1)
    void concurrent_unique_enqueues_through_both_nodes_store_one_job() throws Exception {
        FaultNode a = cluster.nodes.get(0);
        FaultNode b = cluster.nodes.get(1);
        assertThat(post(a, "/api/queues/" + QUEUE + "/pause", null).status()).isEqualTo(200); // the job stays QUEUED
        String key = "cluster-" + UUID.randomUUID();
        int perNode = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        CountDownLatch start = new CountDownLatch(1);
        List<FaultNode.Answer> replies = new ArrayList<>();
        try {
            List<Future<FaultNode.Answer>> results = new ArrayList<>();
            for (int i = 0; i < 2 * perNode; i++) {
                FaultNode node = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return post(node, "/api/jobs/fault-control?uniqueKey=" + key, "{\"millis\":10}");
                }));
            }
            start.countDown();
            for (Future<FaultNode.Answer> r : results) {
                replies.add(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(replies).extracting(FaultNode.Answer::status).as("one 202, the rest 200").filteredOn(s -> s == 202).hasSize(1);
        assertThat(replies).extracting(FaultNode.Answer::status).containsOnly(200, 202);
        Set<String> ids = new HashSet<>();
        replies.forEach(r -> ids.add(r.id()));
        assertThat(ids).hasSize(1);
        try (var c = cluster.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM eejobs_job WHERE job_type = 'fault-control' AND unique_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        post(b, "/api/queues/" + QUEUE + "/resume", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ids.iterator().next()).equals("SUCCEEDED"));
    }

    @Test
    @Order(2)
    void a_queue_paused_through_one_node_is_claimed_by_neither_and_resumed_through_the_other_both_run_it()
            throws Exception {
        FaultNode a = cluster.nodes.get(0);
        FaultNode b = cluster.nodes.get(1);
        FaultNode.Answer paused = post(a, "/api/queues/" + QUEUE + "/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body()).contains("\"paused\":true");

        // enough half-second jobs that both nodes' 4 workers get some once it runs
        List<Long> ids = cluster.enqueue(24, 500, false, 0);
        Thread.sleep(2_000);
        assertThat(cluster.jobs(ids).values()).extracting(FaultCluster.JobRow::status).containsOnly("QUEUED");
        assertThat(cluster.runs().all(ids)).isEmpty();

        FaultNode.Answer resumed = post(b, "/api/queues/" + QUEUE + "/resume", null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"paused\":false");
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.finished(ids) == ids.size());
        assertThat(cluster.runs().all(ids)).extracting(ProbeRuns.Run::node).contains(a.name, b.name);
    }
}
