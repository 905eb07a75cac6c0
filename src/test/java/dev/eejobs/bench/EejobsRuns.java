package dev.eejobs.bench;

import dev.eejobs.bench.Results.Scenario;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The scenarios on eejobs: the WAR on Payara Micro, one node or several on one database, driven
 * through the benchmark endpoints inside the server ({@link BenchResource}).
 */
final class EejobsRuns {

    private final BenchSettings settings;
    private final PostgresTarget target;
    private final Path war;
    private final Results results;
    private final EejobsDatabase db;

    EejobsRuns(BenchSettings settings, PostgresTarget target, Path war, Results results) {
        this.settings = settings;
        this.target = target;
        this.war = war;
        this.results = results;
        this.db = new EejobsDatabase(target);
    }

    /** A fresh database gets its tables from the WAR's own migrations before anything is preloaded. */
    void ensureSchema() throws Exception {
        target.ensureDatabase(target.database());
        if (!db.hasSchema()) {
            stop(start(1));
        }
    }

    /** The server of the enqueue scenarios, between {@link #startEnqueues()} and {@link #stopEnqueues()}. */
    private List<PayaraNode> enqueueNodes = List.of();

    /** Starts the one server of the enqueue scenarios and warms every enqueue path up. */
    void startEnqueues() throws Exception {
        enqueueNodes = start(1);
        try {
            db.truncate();
            warmUpEnqueues(enqueueNodes.get(0));
        } catch (Exception | Error e) {
            stopEnqueues();
            throw e;
        }
    }

    /** Notes the server's peak heap and stops it. */
    void stopEnqueues() throws Exception {
        try {
            if (!enqueueNodes.isEmpty()) {
                results.heap(number(enqueueNodes.get(0).post("/bench/run/heap"), "peakMb"));
            }
        } finally {
            stop(enqueueNodes);
            enqueueNodes = List.of();
        }
    }

    void bulkRound() throws Exception {
        int bulk = settings.bulk();
        record(Scenarios.bulk(bulk), number(enqueueNode().post("/bench/run/bulk?n=" + bulk), "jobsPerSecond"));
        db.truncate();
    }

    void httpRound() throws Exception {
        record(Scenarios.httpBatches(settings.bulk()), httpBatches(enqueueNode(), settings.bulk()));
        db.truncate();
    }

    /** One-by-one enqueue with the workers running, and the CPU it cost. */
    void singleRound(int callers) throws Exception {
        double startedBefore = enqueueNode().metricSum("eejobs_jobs_started_at_enqueue_total");
        JitSettling.awaitQuiet(this::compileMillis);
        OptionalLong pgBefore = target.serverCpuNanos();
        long jvmBefore = Long.parseLong(enqueueNode().get("/bench/run/cpu").trim());
        long jitBefore = compileMillis();
        Map<String, String> s = enqueueNode().post("/bench/run/single?n=" + settings.single() + "&callers=" + callers);
        long left = db.unfinished();
        // the CPU of every job's run counts, also of runs after the callers returned
        db.awaitEmpty(Duration.ofMinutes(2));
        long jvmAfter = Long.parseLong(enqueueNode().get("/bench/run/cpu").trim());
        OptionalLong pgAfter = target.serverCpuNanos();
        long jitAfter = compileMillis();
        System.out.printf("BENCH_NODE callers=%d jobs=%.0f started_at_enqueue=%.0f compiling_ms=%d%n", callers,
                number(s, "n"), enqueueNode().metricSum("eejobs_jobs_started_at_enqueue_total") - startedBefore,
                jitAfter - jitBefore);
        record(Scenarios.single(callers), number(s, "jobsPerSecond"));
        record(Scenarios.cpu(callers, "caller"), number(s, "callerCpuMicrosPerJob"));
        double jvm = (jvmAfter - jvmBefore) / 1e3 / number(s, "n");
        record(Scenarios.cpu(callers, "jvm"), jvm);
        if (pgBefore.isPresent()) {
            double postgres = (pgAfter.getAsLong() - pgBefore.getAsLong()) / 1e3 / number(s, "n");
            record(Scenarios.cpu(callers, "postgres"), postgres);
            record(Scenarios.cpu(callers, "total"), jvm + postgres);
        }
        record(Scenarios.singleDone(callers), rateUntilAllRun(number(s, "n"), number(s, "startMicros"),
                number(s, "endMicros")));
        System.out.printf("BENCH_NODE system=eejobs callers=%d jobs=%.0f not_yet_run_when_callers_returned=%d%n",
                callers, number(s, "n"), left);
        db.truncate();
    }

    void notDueRound(int callers) throws Exception {
        Map<String, String> s = enqueueNode().post("/bench/run/single?later=true&n=" + settings.single()
                + "&callers=" + callers);
        record(Scenarios.singleNotDue(callers), number(s, "jobsPerSecond"));
        db.truncate();
    }

    void latencyRound() throws Exception {
        Map<String, String> l = enqueueNode().post("/bench/run/latency?n=" + settings.latencyJobs() + "&rate="
                + settings.rate());
        record(Scenarios.latency("p50", settings.rate()), number(l, "p50Ms"));
        record(Scenarios.latency("p99", settings.rate()), number(l, "p99Ms"));
        db.truncate();
    }

    /** Jobs enqueued at the steady rate with {@link Scenarios#DELAY_MS}: how late after their due time they start. */
    void delayedRound() throws Exception {
        Map<String, String> l = enqueueNode().post("/bench/run/latency?n=" + settings.latencyJobs() + "&rate="
                + settings.rate() + "&delayMs=" + Scenarios.DELAY_MS);
        record(Scenarios.delayed("p50", settings.rate()), number(l, "p50Ms"));
        record(Scenarios.delayed("p99", settings.rate()), number(l, "p99Ms"));
        db.truncate();
    }

    private PayaraNode enqueueNode() {
        if (enqueueNodes.isEmpty()) {
            throw new IllegalStateException("the enqueue scenarios' server is not running");
        }
        return enqueueNodes.get(0);
    }

    /**
     * @param startMicros when the first caller started, {@code endMicros} when the last returned
     * @return the jobs over the time from the first enqueue until the last of them had run
     */
    private double rateUntilAllRun(double jobs, double startMicros, double endMicros) throws Exception {
        return jobs / ((Math.max(db.lastFinishedMicros(), endMicros) - startMicros) / 1e6);
    }

    /** Drains a preloaded backlog of {@code warmup + n} jobs on one server; the rate of the last n. */
    void drain(int n) throws Exception {
        record(Scenarios.drain(n), drainRate(n));
    }

    /**
     * Several nodes on one database: the drain of {@code bench.nodeDrain} jobs and one-by-one
     * enqueue (1 caller per node, all at once, rehearsed until every server's JIT compiler is
     * quiet: {@link JitSettling}) in aggregate, fenced writes from each node's
     * metrics, and claim conflicts: jobs started twice (by any two nodes, or twice by one) and
     * jobs claimed more than once.
     *
     * @param oneServer whether the k nodes are k applications in one Payara Micro server (k engines
     *     in one JVM, as the peer's k schedulers share its JVM) instead of k servers
     */
    void nodes(int k, boolean oneServer) throws Exception {
        int n = settings.nodeDrain();
        int warmup = settings.warmup() * k; // every node warms up on as many jobs as one node alone
        db.preload(warmup, n);
        List<PayaraNode> nodes = startHoldingClaims(k, oneServer);
        String system = oneServer ? Results.EEJOBS_ONE_SERVER : Results.EEJOBS;
        try {
            db.awaitEmpty(Duration.ofSeconds(120 + (warmup + n) / 500));
            record(system, Scenarios.nodesDrain(n, k), db.drainRate(warmup));
            long reclaimed = db.reclaimedJobs();
            db.truncate();
            reclaimed += enqueueOnAll(nodes, settings.warmup());
            long[] rehearsed = {0};
            JitSettling.rehearse(settings, "nodes", settling(servers(nodes)),
                    () -> rehearsed[0] += enqueueOnAll(nodes, settings.nodeSingle() / k));
            reclaimed += rehearsed[0];
            List<Map<String, String>> runs = allAtOnce(nodes,
                    "/bench/run/single?callers=1&n=" + settings.nodeSingle() / k);
            double first = runs.stream().mapToDouble(r -> number(r, "startMicros")).min().orElseThrow();
            double last = runs.stream().mapToDouble(r -> number(r, "endMicros")).max().orElseThrow();
            double jobs = runs.stream().mapToDouble(r -> number(r, "n")).sum();
            for (int i = 0; i < runs.size(); i++) { // each node's own window, to tell a slow node from a late one
                Map<String, String> r = runs.get(i);
                // in one server the metrics are the server's: every application's together
                System.out.printf("BENCH_NODE nodes=%d%s node=%d jobs=%.0f from_ms=%.1f to_ms=%.1f rate=%.1f"
                        + " started_at_enqueue_since_start=%.0f of_enqueued=%.0f%n", k, oneServer ? " one_server" : "",
                        i + 1, number(r, "n"), (number(r, "startMicros") - first) / 1e3,
                        (number(r, "endMicros") - first) / 1e3,
                        number(r, "n") / ((number(r, "endMicros") - number(r, "startMicros")) / 1e6),
                        nodes.get(i).metricSum("eejobs_jobs_started_at_enqueue_total"),
                        nodes.get(i).metricSum("eejobs_jobs_enqueued_total"));
            }
            long left = db.unfinished();
            record(system, Scenarios.nodesSingle(k), jobs / ((last - first) / 1e6));
            db.awaitEmpty(Duration.ofMinutes(2));
            record(system, Scenarios.nodesSingleDone(k), rateUntilAllRun(jobs, first, last));
            System.out.printf("BENCH_NODE system=%s nodes=%d jobs=%.0f not_yet_run_when_callers_returned=%d%n",
                    system, k, jobs, left);
            reclaimed += db.reclaimedJobs();
            double fenced = 0;
            for (PayaraNode node : servers(nodes)) {
                fenced += node.metricSum("eejobs_jobs_fenced_writes_total");
            }
            record(system, Scenarios.nodesCount("fenced_writes", "fenced writes (stale lease refused)", k), fenced);
            record(system, Scenarios.nodesCount("duplicate_starts", "claim conflicts: job ids started twice", k),
                    duplicateStarts(nodes, warmup + n));
            record(system, Scenarios.nodesCount("reclaimed_jobs", "jobs claimed more than once", k), reclaimed);
            db.truncate();
        } finally {
            stop(nodes);
        }
    }

    /** One drain of the opt-in scale mode. */
    void scale(int n) throws Exception {
        record(Scenarios.scaleDrain(n), drainRate(n));
    }

    private double drainRate(int n) throws Exception {
        db.preload(settings.warmup(), n);
        List<PayaraNode> nodes = startHoldingClaims(1);
        try {
            db.awaitEmpty(Duration.ofSeconds(120 + (settings.warmup() + n) / 500));
            double rate = db.drainRate(settings.warmup());
            results.heap(number(nodes.get(0).post("/bench/run/heap"), "peakMb"));
            return rate;
        } finally {
            stop(nodes);
        }
    }

    /** Nodes start with claims held back, and all claim from the moment the last one is ready. */
    private List<PayaraNode> startHoldingClaims(int k) throws Exception {
        return startHoldingClaims(k, false);
    }

    private List<PayaraNode> startHoldingClaims(int k, boolean oneServer) throws Exception {
        try (AutoCloseable held = db.holdClaims()) {
            return oneServer ? startInOneServer(k) : start(k);
        }
    }

    /**
     * One caller per node enqueues {@code each} jobs one by one, all nodes at once, and every job
     * runs; not measured.
     *
     * @return the jobs claimed more than once meanwhile
     */
    private long enqueueOnAll(List<PayaraNode> nodes, int each) throws Exception {
        allAtOnce(nodes, "/bench/run/single?callers=1&n=" + each);
        db.awaitEmpty(Duration.ofMinutes(3));
        long reclaimed = db.reclaimedJobs();
        db.truncate();
        return reclaimed;
    }

    /** Each server's JVM, for {@link JitSettling}. */
    private static List<JitSettling.Subject> settling(List<PayaraNode> servers) {
        List<JitSettling.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            PayaraNode server = servers.get(i);
            subjects.add(new JitSettling.Subject(Results.EEJOBS + "-server-" + (i + 1),
                    server::compileMillis));
        }
        return subjects;
    }

    /** One server with k copies of the WAR, each its own application (and engine) under its own context root. */
    private List<PayaraNode> startInOneServer(int k) throws Exception {
        List<Path> wars = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            wars.add(Files.copy(war, settings.dir().resolve("eejobs-bench-" + i + ".war"),
                    StandardCopyOption.REPLACE_EXISTING));
        }
        List<PayaraNode> nodes = PayaraNode.launchInOneServer(settings, target, wars, settings.port());
        try {
            nodes.get(0).awaitReady();
            return nodes;
        } catch (Exception | Error e) {
            stop(nodes);
            throw e;
        }
    }

    /** One node per server: where several share a server, its metrics are theirs together. */
    private static List<PayaraNode> servers(List<PayaraNode> nodes) {
        List<PayaraNode> servers = new ArrayList<>();
        for (PayaraNode node : nodes) {
            if (servers.stream().noneMatch(node::sharesServerWith)) {
                servers.add(node);
            }
        }
        return servers;
    }

    /**
     * Runs every enqueue path on {@code bench.warmup} jobs before anything is measured, as the
     * drain does: the first thousands of calls measure the JIT compiler, not the library.
     */
    private void warmUpEnqueues(PayaraNode node) throws Exception {
        int warmup = settings.warmup();
        if (warmup <= 0) {
            return;
        }
        if (settings.runs("bulk")) {
            node.post("/bench/run/bulk?n=" + warmup);
            db.truncate();
        }
        if (settings.runs("http")) {
            httpBatches(node, warmup);
            db.truncate();
        }
        if (settings.runsOneByOne()) {
            for (int callers : List.of(8, 1)) {
                singlePass(node, callers, warmup);
            }
        }
    }

    /** The enqueue scenarios' server, for {@link JitSettling}. */
    JitSettling.Subject settling() {
        return new JitSettling.Subject(Results.EEJOBS, this::compileMillis);
    }

    /** The enqueue scenarios' server's accumulated JIT compilation time, in milliseconds. */
    private long compileMillis() throws Exception {
        return enqueueNode().compileMillis();
    }

    /** One-by-one enqueue of n jobs that are not measured, until every one has run. */
    private void singlePass(PayaraNode node, int callers, int n) throws Exception {
        node.post("/bench/run/single?n=" + n + "&callers=" + callers);
        db.awaitEmpty(Duration.ofMinutes(3));
        db.truncate();
    }

    /**
     * The HTTP batch form, from this process as an outside client would: {@code n} jobs in
     * requests of the API's maximum of 1,000 arguments, one after the other, due tomorrow.
     *
     * @return jobs per second over all requests
     */
    private static double httpBatches(PayaraNode node, int n) throws IOException, InterruptedException {
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString("producer:producer".getBytes(StandardCharsets.UTF_8));
        String body = "[" + String.join(",", Collections.nCopies(1_000, "{\"run\":\"http\",\"enqueuedNanos\":0}"))
                + "]";
        long start = System.nanoTime();
        for (int sent = 0; sent < n; sent += 1_000) {
            HttpResponse<String> r = PayaraNode.HTTP.send(HttpRequest.newBuilder(
                            node.uri("/api/jobs/bench-noop/batch?delay=24h"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("batch answered " + r.statusCode() + ": " + r.body());
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Ids started by two nodes (pairwise), plus ids a node started twice itself.
     *
     * @param atLeast how many ids the nodes must have started between them (the drain's), so that a
     *     count of 0 cannot come from records that were never kept
     */
    private static long duplicateStarts(List<PayaraNode> nodes, int atLeast) throws IOException, InterruptedException {
        BitSet seen = new BitSet();
        long duplicates = 0;
        for (PayaraNode node : nodes) {
            String[] answer = node.get("/bench/run/starts").split("\n", 2);
            duplicates += Long.parseLong(answer[0].trim());
            BitSet started = BitSet.valueOf(Base64.getDecoder().decode(answer.length > 1 ? answer[1].trim() : ""));
            BitSet both = (BitSet) started.clone();
            both.and(seen);
            duplicates += both.cardinality();
            seen.or(started);
        }
        if (seen.cardinality() < atLeast) {
            throw new IllegalStateException("the nodes recorded " + seen.cardinality() + " started jobs, fewer than the "
                    + atLeast + " of the drain");
        }
        return duplicates;
    }

    private static List<Map<String, String>> allAtOnce(List<PayaraNode> nodes, String path) {
        List<CompletableFuture<Map<String, String>>> calls = nodes.stream().map(n -> n.postAsync(path)).toList();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private List<PayaraNode> start(int k) throws Exception {
        List<PayaraNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < k; i++) {
                nodes.add(PayaraNode.launch(settings, target, war, settings.port() + i));
            }
            for (PayaraNode node : nodes) {
                node.awaitReady();
            }
            return nodes;
        } catch (Exception | Error e) {
            stop(nodes);
            throw e;
        }
    }

    private static void stop(List<PayaraNode> nodes) throws InterruptedException {
        for (PayaraNode node : nodes) {
            node.stop();
        }
    }

    private void record(Scenario scenario, double value) {
        record(Results.EEJOBS, scenario, value);
    }

    private void record(String system, Scenario scenario, double value) {
        results.record(target.name(), system, scenario, value);
    }

    private static double number(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no " + key + " in " + values);
        }
        return Double.parseDouble(v);
    }
}
