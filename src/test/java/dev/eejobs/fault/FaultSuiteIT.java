package dev.eejobs.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Faults injected into a cluster of three Payara Micro nodes sharing a throwaway PostgreSQL, with
 * heartbeats of 1 s (leases of 5 s; a node stops an attempt it cannot renew 3 s after its last
 * renewal). A probe job records every start and end in a file per node, outside the database, and
 * the invariants are checked against those records and the job table: no job lost, no two runs
 * of one job at the same time. The scenarios run in order on the same cluster; the last two take
 * nodes away. Each prints its figures as {@code FAULT} lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class FaultSuiteIT {

    private static final String DEMO = "demo:demo";

    private static FaultCluster cluster;
    private static final Map<String, Long> KILLED_AT = new HashMap<>();

    @BeforeAll
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    static void startCluster() throws Exception {
        long start = System.nanoTime();
        cluster = FaultCluster.start(3);
        report("cluster", "3 nodes ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void report(String scenario, String figures) {
        System.out.println("FAULT " + scenario + ": " + figures);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static void awaitFinished(List<Long> ids, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> cluster.finished(ids) == ids.size());
    }

    /** Asserts nothing was lost (all SUCCEEDED) and no two runs overlapped; prints the figures. */
    private static void assertAllSucceededWithoutOverlap(String scenario, List<Long> ids, String extra)
            throws Exception {
        Map<Long, FaultCluster.JobRow> rows = cluster.jobs(ids);
        ProbeRuns runs = cluster.runs();
        List<String> overlaps = runs.overlaps(ids, KILLED_AT);
        long lost = rows.values().stream().filter(r -> !r.status().equals("SUCCEEDED")).count();
        long reruns = ids.stream().filter(id -> runs.of(id).size() > 1).count();
        report(scenario, "jobs=" + ids.size() + " reruns=" + reruns + " overlaps=" + overlaps.size() + " lost=" + lost
                + extra);
        assertThat(overlaps).as("runs of one job at the same time").isEmpty();
        assertThat(rows.values()).as("jobs not SUCCEEDED").allSatisfy(r -> assertThat(r.status()).isEqualTo("SUCCEEDED"));
        assertThat(ids).allSatisfy(id -> assertThat(runs.of(id)).as("runs of job %d", id).isNotEmpty());
    }

    @Test
    @Order(1)
    void poison_jobs_die_after_exactly_max_retries_plus_one_attempts_beside_normal_jobs() throws Exception {
        List<Long> poison = cluster.enqueue(12, 0, true, 2);
        List<Long> normal = cluster.enqueue(150, 100, false, 5);
        List<Long> all = new ArrayList<>(poison);
        all.addAll(normal);
        awaitFinished(all, Duration.ofSeconds(90));

        Map<Long, FaultCluster.JobRow> rows = cluster.jobs(all);
        ProbeRuns runs = cluster.runs();
        report("poison", "poison=" + poison.size() + " normal=" + normal.size() + " poisonStarts="
                + runs.all(poison).size() + " normalStarts=" + runs.all(normal).size());
        assertThat(poison).allSatisfy(id -> {
            assertThat(rows.get(id).status()).isEqualTo("DEAD");
            assertThat(rows.get(id).attempts()).isEqualTo(3);
            assertThat(runs.of(id)).as("starts of poison job %d", id).hasSize(3);
        });
        assertThat(normal).allSatisfy(id -> {
            assertThat(rows.get(id).status()).isEqualTo("SUCCEEDED");
            assertThat(rows.get(id).attempts()).isEqualTo(1);
            assertThat(runs.of(id)).as("starts of job %d", id).hasSize(1);
        });
    }

    @Test
    @Order(2)
    void a_node_cut_off_from_the_database_stops_its_runs_by_its_own_clock_and_nothing_runs_twice_at_once()
            throws Exception {
        FaultNode cut = cluster.nodes.get(0);
        long stoppedBefore = cut.liveData("stoppedForLease");
        List<Long> ids = cluster.enqueue(12, 12_000, false, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.runs().all(ids).stream()
                .filter(r -> r.node().equals(cut.name) && r.open()).count() >= 2);
        Instant cutAt = Instant.now();
        cut.proxy.pause();
        Thread.sleep(2_000);
        FaultNode.Answer cutReady = cut.ready(Duration.ofSeconds(10));
        Thread.sleep(Math.max(0, 8_000 - Duration.between(cutAt, Instant.now()).toMillis())); // longer than the 5 s lease, shorter than the 12 s jobs
        cut.proxy.resume();
        Instant healedAt = Instant.now();
        cut.awaitReady(Duration.ofSeconds(60));
        long rejoinMillis = Duration.between(healedAt, Instant.now()).toMillis();
        awaitFinished(ids, Duration.ofSeconds(120));

        ProbeRuns runs = cluster.runs();
        List<ProbeRuns.Run> stopped = runs.all(ids).stream()
                .filter(r -> r.node().equals(cut.name) && r.startMicros() < micros(cutAt) && !r.open()
                        && r.endMicros() > micros(cutAt))
                .toList();
        long latestStopMillis = stopped.stream().mapToLong(r -> (r.endMicros() - micros(cutAt)) / 1000).max().orElse(-1);
        assertAllSucceededWithoutOverlap("cut-off", ids, " cutRuns=" + stopped.size() + " latestStopAfterCutMs="
                + latestStopMillis + " rejoinMs=" + rejoinMillis + " readyWhileCut=" + cutReady.status() + " in "
                + cutReady.took().toMillis() + "ms");
        assertThat(cutReady.status()).as("readiness of the cut-off node: %s", cutReady.body()).isEqualTo(503);
        assertThat(cutReady.took()).as("readiness answers within jobs.health.database-timeout (plus HTTP)")
                .isLessThan(Duration.ofMillis(3_500));
        assertThat(stopped).as("runs on the cut-off node that were going when it was cut").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.outcome()).isEqualTo("interrupted:LEASE_LOST");
                    assertThat(r.endMicros() - micros(cutAt)).as("stopped before its lease could expire")
                            .isLessThan(Duration.ofSeconds(5).toNanos() / 1000);
                });
        assertThat(cut.liveData("stoppedForLease")).isGreaterThan(stoppedBefore);
        assertThat(cut.liveData("stopIgnored")).isZero();

        List<Long> after = cluster.enqueue(24, 300, false, 5);
        awaitFinished(after, Duration.ofSeconds(60));
        assertThat(cluster.runs().all(after)).as("the cut-off node works again").anySatisfy(r ->
                assertThat(r.node()).isEqualTo(cut.name));
    }

    @Test
    @Order(3)
    void a_fast_restart_of_postgresql_loses_nothing_and_runs_nothing_twice_at_once() throws Exception {
        List<Long> ids = cluster.enqueue(8, 8_000, false, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.runs().all(ids).size() >= 8);
        long start = System.nanoTime();
        cluster.postgres.restartFast();
        long restartMillis = (System.nanoTime() - start) / 1_000_000;
        for (FaultNode n : cluster.nodes) {
            n.awaitReady(Duration.ofSeconds(60));
        }
        long recoverMillis = (System.nanoTime() - start) / 1_000_000;
        awaitFinished(ids, Duration.ofSeconds(90));
        assertAllSucceededWithoutOverlap("pg-fast-restart", ids, " restartMs=" + restartMillis + " allReadyMs="
                + recoverMillis);
        assertNoLoopDead();
    }

    @Test
    @Order(4)
    void a_postgresql_crash_longer_than_the_lease_loses_nothing_runs_nothing_twice_at_once_and_readiness_follows()
            throws Exception {
        List<Long> ids = cluster.enqueue(8, 15_000, false, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.runs().all(ids).size() >= 8);
        FaultNode watched = cluster.nodes.get(1);
        // stored by the watched node to come due during the outage, in a queue whose workers are idle
        // (the probes' are busy): its fetcher keeps that due time until a claim sees it, and must not
        // retry at once, over and over, while claims fail
        FaultNode.Answer delayed = watched.post("/api/jobs/fault-control?queue=default&delay=2s", DEMO,
                "{\"millis\":10}", Duration.ofSeconds(10));
        assertThat(delayed.status()).as("delayed enqueue: %s", delayed.body()).isEqualTo(202);
        long delayedId = Long.parseLong(delayed.id());
        Instant crashedAt = Instant.now();
        long connectionsBefore = watched.proxy.accepted();
        cluster.postgres.crash();
        Duration timeout = Duration.ofSeconds(2);
        long slowest = 0;
        int down = 0;
        String outageKey = "outage-" + UUID.randomUUID();
        List<FaultNode.Answer> duringOutage = new ArrayList<>();
        while (Duration.between(crashedAt, Instant.now()).toMillis() < 7_000) { // longer than the 5 s lease
            FaultNode.Answer a = watched.ready(Duration.ofSeconds(10));
            slowest = Math.max(slowest, a.took().toMillis());
            if (a.status() == 503) {
                down++;
            }
            assertThat(a.status()).as("readiness during the outage: %s", a.body()).isEqualTo(503);
            if (duringOutage.size() < 4 && Duration.between(crashedAt, Instant.now()).toMillis() > 3_000) {
                duringOutage.add(watched.post("/api/jobs/fault-control?uniqueKey=" + outageKey, DEMO,
                        "{\"millis\":10}", Duration.ofSeconds(10)));
                duringOutage.add(watched.get("/api/jobs/" + delayedId, DEMO, Duration.ofSeconds(10)));
            }
            Thread.sleep(250);
        }
        long connectionsDuringOutage = watched.proxy.accepted() - connectionsBefore;
        cluster.postgres.startAgain();
        long outageMillis = Duration.between(crashedAt, Instant.now()).toMillis();
        long start = System.nanoTime();
        for (FaultNode n : cluster.nodes) {
            n.awaitReady(Duration.ofSeconds(60));
        }
        long recoverMillis = (System.nanoTime() - start) / 1_000_000;
        awaitFinished(ids, Duration.ofSeconds(120));
        double connectionsPerSecond = connectionsDuringOutage * 1000.0 / outageMillis;
        assertAllSucceededWithoutOverlap("pg-crash", ids, " outageMs=" + outageMillis + " readyDownAnswers=" + down + " slowestReadyMs=" + slowest
                + " allReadyAfterStartMs=" + recoverMillis + " connectionAttemptsPerSecondWhileDown="
                + Math.round(connectionsPerSecond));
        assertThat(down).isPositive();
        assertThat(slowest).as("readiness answers within jobs.health.database-timeout (plus HTTP)")
                .isLessThan(timeout.toMillis() + 1_500);
        assertNoLoopDead();

        // the API while the database was down: 503 with Retry-After, a problem body, no trace, nothing stored
        assertThat(duringOutage).as("API answers during the outage").isNotEmpty().allSatisfy(a -> {
            assertThat(a.status()).as("%s", a.body()).isEqualTo(503);
            assertThat(a.took()).as("answered at once, not held while the read was retried").isLessThan(Duration.ofSeconds(5));
            assertThat(a.header("Retry-After")).isEqualTo("5");
            assertThat(a.header("Content-Type")).startsWith("application/problem+json");
            assertThat(a.body()).contains("the jobs database is not reachable right now").doesNotContain("Exception")
                    .doesNotContain("127.0.0.1");
        });
        // every node's loops retried a failed pass after a pause (50 ms doubling to 1 s), not at once: a
        // fetcher whose due time had passed retried at once before, thousands of times a second
        assertThat(connectionsPerSecond).as("connections the watched node opened a second while the database was down")
                .isLessThan(50);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.finished(List.of(delayedId)) == 1);
        assertThat(cluster.jobs(List.of(delayedId)).get(delayedId).status()).isEqualTo("SUCCEEDED");
        try (Connection c = cluster.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM eejobs_job WHERE unique_key = ?")) {
            s.setString(1, outageKey);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("jobs stored by the enqueue answered 503").isZero();
            }
        }
        FaultNode.Answer after = watched.post("/api/jobs/fault-control?uniqueKey=" + outageKey, DEMO, "{\"millis\":10}",
                Duration.ofSeconds(10));
        assertThat(after.status()).as("the same enqueue once the database is back: %s", after.body()).isEqualTo(202);
    }


    private static void assertNoLoopDead() {
        for (FaultNode n : cluster.alive()) {
            assertThat(n.get("/health/live", Duration.ofSeconds(10)).status()).as("liveness of %s", n).isEqualTo(200);
            assertThat(n.liveData("loopsDead")).as("dead loops on %s", n).isZero();
        }
    }

    @Test
    @Order(5)
    void kill_9_of_the_node_that_fired_the_schedule_last_loses_no_job_and_the_schedule_goes_on() throws Exception {
        // 10 ms jobs: each node keeps up to 4 jobs per worker claimed in its hand-off beside the running ones,
        // which the victim takes down with it without having started them
        List<Long> noRetries = cluster.enqueue(2500, 10, false, 0);
        List<Long> retries = cluster.enqueue(2500, 10, false, 5);
        List<Long> ids = new ArrayList<>(noRetries);
        ids.addAll(retries);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.runs().all(ids).size() >= 300);

        FaultNode victim = lastFirer();
        Instant killedAt = Instant.now();
        victim.kill();
        Instant deadAt = Instant.now(); // the victim may have started jobs until the signal landed
        KILLED_AT.put(victim.name, micros(deadAt));
        long heldAtKill = cluster.runningOn(victim.pid());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.runningOn(victim.pid()) == 0);
        long detectMillis = Duration.between(killedAt, Instant.now()).toMillis();
        awaitFinished(ids, Duration.ofSeconds(120));
        long recoverMillis = Duration.between(killedAt, Instant.now()).toMillis();

        Map<Long, FaultCluster.JobRow> rows = cluster.jobs(ids);
        ProbeRuns runs = cluster.runs();
        Set<Long> startedOnVictimUnfinished = runs.all(ids).stream()
                .filter(r -> r.node().equals(victim.name) && r.open()).map(ProbeRuns.Run::jobId)
                .collect(Collectors.toSet());
        List<String> overlaps = runs.overlaps(ids, KILLED_AT);
        long reruns = ids.stream().filter(id -> runs.of(id).size() > 1).count();
        // a job without retries whose lease the victim held dies with it: it was running there, or it had
        // finished there but its success was not written yet; the attempt counts, so it ends DEAD (not lost)
        Set<Long> ranOnVictim = runs.all(ids).stream()
                .filter(r -> r.node().equals(victim.name) && r.startMicros() < micros(deadAt))
                .map(ProbeRuns.Run::jobId).collect(Collectors.toSet());
        List<Long> dead = ids.stream().filter(id -> rows.get(id).status().equals("DEAD")).toList();
        long lost = ids.stream().filter(id -> !rows.get(id).status().equals("SUCCEEDED")
                && !(rows.get(id).status().equals("DEAD") && noRetries.contains(id) && ranOnVictim.contains(id)))
                .count();
        long unstartedBack = ids.stream().filter(id -> rows.get(id).lastError() != null
                && rows.get(id).lastError().contains("before the attempt started")).count();
        report("kill-9", "jobs=" + ids.size() + " victim=" + victim.name + " heldAtKill=" + heldAtKill
                + " reapedUnstarted=" + unstartedBack
                + " startedOnVictim=" + startedOnVictimUnfinished.size() + " reruns=" + reruns + " overlaps="
                + overlaps.size() + " lost=" + lost + " dead(maxRetries=0, lease held by the victim)=" + dead.size()
                + " detectMs=" + detectMillis + " recoverMs=" + recoverMillis);
        assertThat(overlaps).isEmpty();
        assertThat(lost).isZero();
        // A job runs twice only if the victim held its lease when it died: it was running there, or it
        // had finished there but its success was not written yet.
        assertThat(reruns).as("jobs run twice").isLessThanOrEqualTo(heldAtKill);
        assertThat(ids.stream().filter(id -> runs.of(id).size() > 1)).as("jobs run twice, each once on the victim")
                .allSatisfy(id -> assertThat(runs.of(id)).anySatisfy(r -> {
                    assertThat(r.node()).isEqualTo(victim.name);
                    assertThat(r.startMicros()).isLessThan(micros(deadAt));
                }));
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.status()).isIn("SUCCEEDED", "DEAD"));
        assertThat(dead).as("DEAD jobs all had their one attempt start on the victim")
                .allSatisfy(id -> assertThat(ranOnVictim).contains(id))
                .allSatisfy(id -> assertThat(noRetries).contains(id));

        // the schedule goes on without the node that fired it last
        long firedBefore = cluster.alive().stream().mapToLong(n -> n.liveData("schedulesFired")).sum();
        Thread.sleep(9_000);
        List<Long> ticks = cluster.ticksAfter(FaultSetup.SCHEDULE, killedAt.toEpochMilli());
        long firedAfter = cluster.alive().stream().mapToLong(n -> n.liveData("schedulesFired")).sum();
        report("schedule", "ticksAfterKill=" + ticks.size() + " (every " + FaultSetup.EVERY.toSeconds()
                + " s) firedBySurvivors=" + (firedAfter - firedBefore));
        assertThat(ticks).as("ticks fired after the last firer was killed").hasSizeGreaterThanOrEqualTo(4);
        assertThat(ticks).doesNotHaveDuplicates();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i) - ticks.get(i - 1)).as("one job per tick, no tick left out")
                    .isEqualTo(FaultSetup.EVERY.toMillis());
        }
        assertThat(firedAfter).isGreaterThan(firedBefore);
    }

    /** @return the node whose fired-ticks count went up last, watched over a few ticks */
    private static FaultNode lastFirer() throws InterruptedException {
        Map<FaultNode, Long> fired = new HashMap<>();
        cluster.alive().forEach(n -> fired.put(n, n.liveData("schedulesFired")));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            for (FaultNode n : cluster.alive()) {
                long now = n.liveData("schedulesFired");
                if (now > fired.get(n)) {
                    return n;
                }
            }
        }
        throw new AssertionError("no node fired the schedule within 10 s");
    }

    @Test
    @Order(6)
    void sigterm_lets_short_jobs_finish_and_hands_long_ones_back_without_counting_the_attempt() throws Exception {
        List<Long> longJobs = cluster.enqueue(8, 8_000, false, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.runs().all(longJobs).stream().anyMatch(ProbeRuns.Run::open));
        String busy = cluster.runs().all(longJobs).stream().filter(ProbeRuns.Run::open).findFirst().orElseThrow().node();
        FaultNode stopped = cluster.alive().stream().filter(n -> n.name.equals(busy)).findFirst().orElseThrow();
        List<Long> shortJobs = cluster.enqueue(8, 1_000, false, 5);
        Instant termAt = Instant.now();
        assertThat(stopped.terminate(Duration.ofSeconds(60))).as("the node stopped").isTrue();
        long stopMillis = Duration.between(termAt, Instant.now()).toMillis();
        List<Long> ids = new ArrayList<>(longJobs);
        ids.addAll(shortJobs);
        awaitFinished(ids, Duration.ofSeconds(120));

        ProbeRuns runs = cluster.runs();
        List<ProbeRuns.Run> handedBack = runs.all(ids).stream()
                .filter(r -> r.node().equals(stopped.name) && "interrupted:SHUTDOWN".equals(r.outcome())).toList();
        assertAllSucceededWithoutOverlap("sigterm", ids, " handedBack=" + handedBack.size() + " stopMs=" + stopMillis);
        assertThat(handedBack).as("long jobs interrupted after the grace").isNotEmpty();
        Map<Long, FaultCluster.JobRow> rows = cluster.jobs(ids);
        assertThat(handedBack).allSatisfy(r -> assertThat(rows.get(r.jobId()).attempts())
                .as("job %d handed back by the drain: that attempt does not count", r.jobId()).isEqualTo(1));
        assertThat(runs.all(ids)).as("no run on the stopped node was left without an end")
                .noneMatch(r -> r.node().equals(stopped.name) && r.open());
    }

    @Test
    @Order(7)
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    void a_node_started_while_postgresql_is_down_deploys_and_starts_its_engine_and_its_startup_schedule_when_it_returns()
            throws Exception {
        try (Connection c = cluster.connect(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM eejobs_schedule WHERE name = ?")) {
            s.setString(1, FaultSetup.SCHEDULE); // only the new node's startup declares it again
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        cluster.postgres.crash();
        FaultNode late = cluster.launch("D");
        // deployed, though its engine cannot start: Payara answers "No Application deployed" otherwise
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> late.get("/health/started", Duration.ofSeconds(10)).body().contains("eejobs-startup"));
        FaultNode.Answer started = late.get("/health/started", Duration.ofSeconds(10));
        assertThat(started.status()).as(started.body()).isEqualTo(503);
        assertThat(started.body()).contains("\"engineStarted\":\"false\"");

        cluster.postgres.startAgain();
        long back = System.currentTimeMillis();
        late.awaitReady(Duration.ofSeconds(60));
        long readyMillis = System.currentTimeMillis() - back;
        // the startup hook's jobs.every(...), declared while the database was down, is stored now and fires
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !cluster.ticksAfter(FaultSetup.SCHEDULE, back).isEmpty());
        List<Long> ids = cluster.enqueue(24, 300, false, 5);
        awaitFinished(ids, Duration.ofSeconds(60));
        report("late-node", "readyAfterDatabaseBackMs=" + readyMillis + " ticksSinceBack="
                + cluster.ticksAfter(FaultSetup.SCHEDULE, back).size());
        assertThat(cluster.runs().all(ids)).as("the late node works").anySatisfy(r -> assertThat(r.node()).isEqualTo("D"));
    }
}
