package dev.eejobs.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Benchmarks the WAR on Payara Micro against the local PostgreSQL, in a database of its own
 * ({@code eejobs_bench}, created if missing and emptied between scenarios). Run with
 * {@code mvn -Pbench package}; sizes are system properties (see {@link #main}). Prints one
 * {@code BENCH} line per figure, then a table of medians.
 */
public final class Benchmark {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String db = System.getProperty("bench.db", "eejobs_bench");
    private final int port = Integer.getInteger("bench.port", 8095);
    private final int workers = Integer.getInteger("bench.workers", 16);
    private final int repeats = Integer.getInteger("bench.repeats", 3);
    private final List<Integer> drainSizes = sizes("bench.drain", "10000,100000");
    private final int warmup = Integer.getInteger("bench.warmup", 20_000);
    private final int bulk = Integer.getInteger("bench.bulk", 100_000);
    private final int single = Integer.getInteger("bench.single", 5_000);
    private final int latencyJobs = Integer.getInteger("bench.latency", 2_000);
    private final int rate = Integer.getInteger("bench.rate", 200);
    private final boolean drainOnly = Boolean.getBoolean("bench.drainOnly");
    private final Path dir = Path.of("target", "bench");
    private final Map<String, List<Double>> results = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private double peakHeapMb;
    private Process server;

    private Benchmark() {}

    /**
     * System properties: bench.drain (comma-separated backlog sizes, default 10000,100000),
     * bench.drainOnly (skip the enqueue and latency scenarios),
     * bench.warmup (20000 jobs, before the drains and before the enqueue scenarios), bench.bulk (100000),
     * bench.single (5000), bench.latency (2000 jobs at
     * bench.rate 200/s), bench.workers (16), bench.repeats (3), bench.port (8095), bench.db,
     * bench.jvmArgs (extra server JVM options, e.g. to record a profile).
     */
    public static void main(String[] args) throws Exception {
        new Benchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        createDatabase();
        Path war = buildWar();
        try {
            ensureSchema(war);
            if (!drainOnly) {
                enqueueScenarios(war);
            }
            for (int n : drainSizes) {
                for (int r = 0; r < repeats; r++) {
                    preload(n);
                    startServer(war);
                    awaitEmpty(Duration.ofSeconds(120 + (warmup + n) / 500));
                    record("drain_" + n, n, drainRate(), "jobs/s");
                    heap();
                    stopServer();
                }
            }
        } finally {
            stopServer();
        }
        report();
    }

    private void enqueueScenarios(Path war) throws Exception {
        startServer(war);
        truncate();
        warmUpEnqueues();
        for (int r = 0; r < repeats; r++) {
            Map<String, String> bulkResult = post("/bench/run/bulk?n=" + bulk);
            record("bulk_enqueue", bulk, number(bulkResult, "jobsPerSecond"), "jobs/s");
            truncate();
        }
        for (int r = 0; r < repeats; r++) {
            record("bulk_enqueue_http", bulk, httpBatches(bulk), "jobs/s");
            truncate();
        }
        for (int callers : new int[] {1, 8}) {
            for (int r = 0; r < repeats; r++) {
                Map<String, String> s = post("/bench/run/single?n=" + single + "&callers=" + callers);
                record("enqueue_single_" + callers + "_callers", single, number(s, "jobsPerSecond"), "jobs/s");
                awaitEmpty(Duration.ofMinutes(2));
                truncate();
            }
        }
        for (int r = 0; r < repeats; r++) {
            Map<String, String> l = post("/bench/run/latency?n=" + latencyJobs + "&rate=" + rate);
            record("pickup_latency_p50_at_" + rate + "_per_s", latencyJobs, number(l, "p50Ms"), "ms");
            record("pickup_latency_p99_at_" + rate + "_per_s", latencyJobs, number(l, "p99Ms"), "ms");
            truncate();
        }
        heap();
        stopServer();
    }

    /**
     * Runs every enqueue path on {@code bench.warmup} jobs before anything is measured, as the
     * drain does and as the peers' figures in issue 4 were taken: the first thousands of calls
     * measure the JIT compiler, not the library.
     */
    private void warmUpEnqueues() throws Exception {
        if (warmup <= 0) {
            return;
        }
        post("/bench/run/bulk?n=" + warmup);
        truncate();
        httpBatches(warmup);
        truncate();
        for (int callers : new int[] {8, 1}) {
            post("/bench/run/single?n=" + warmup + "&callers=" + callers);
            awaitEmpty(Duration.ofMinutes(3));
            truncate();
        }
    }

    /**
     * The HTTP batch form, from this process as an outside client would: {@code n} jobs in
     * requests of the API's maximum of 1,000 arguments, one after the other, due tomorrow.
     *
     * @return jobs per second over all requests
     */
    private double httpBatches(int n) throws IOException, InterruptedException {
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString("producer:producer".getBytes(StandardCharsets.UTF_8));
        String body = "[" + String.join(",", Collections.nCopies(1_000, "{\"run\":\"http\",\"enqueuedNanos\":0}"))
                + "]";
        long start = System.nanoTime();
        for (int sent = 0; sent < n; sent += 1_000) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/jobs/bench-noop/batch?delay=24h"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("batch answered " + r.statusCode() + ": " + r.body());
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + db);
            }
        }
    }

    /** A fresh database gets its tables from the WAR's own migrations before anything is preloaded. */
    private void ensureSchema(Path war) throws Exception {
        try (Connection c = bench(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('eejobs_job') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        startServer(war);
        stopServer();
    }

    private Path buildWar() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/eejobs.war"));
        WebArchive bench = ShrinkWrap.create(WebArchive.class, "eejobs-bench.war").merge(war);
        bench.delete("/WEB-INF/classes/dev/eejobs/example");
        bench.addClasses(Tick.class, NoopJob.class, BenchResource.class, BenchResource.BenchApplication.class);
        Path file = dir.resolve("eejobs-bench.war");
        bench.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private void startServer(Path war) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m"));
        String jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            cmd.addAll(List.of(jvmArgs.split("\\s+")));
        }
        cmd.addAll(List.of("-Djobs.workers=" + workers, "-Djobs.queues=bench",
                "-Deejobs.keyfile=" + Path.of("server-config", "demo-keyfile").toAbsolutePath(),
                "-jar", "target/payara-micro.jar", "--nocluster", "--port", Integer.toString(port),
                "--prebootcommandfile", "server-config/demo-users.asadmin",
                "--addlibs", "target/lib/postgresql.jar", "--postbootcommandfile", "server-config/postgresql.asadmin",
                "--deploy", war.toString(), "--contextroot", "/"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("payara.log").toFile()));
        pb.environment().put("EEJOBS_DB_NAME", db);
        server = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + dir.resolve("payara.log"));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // not up yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException("Payara Micro did not become ready in 3 minutes");
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        server = null;
    }

    private Connection bench() throws SQLException {
        return DriverManager.getConnection(PG + db, "postgres", "");
    }

    private void truncate() throws SQLException {
        try (Connection c = bench(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE eejobs_job");
            s.execute("VACUUM ANALYZE eejobs_job");
        }
    }

    /** Warm-up jobs first (earlier run-at), then the measured backlog; all due, none running. */
    private void preload(int n) throws SQLException {
        try (Connection c = bench(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE eejobs_job");
            int total = warmup + n;
            s.execute("INSERT INTO eejobs_job (id, job_type, queue_name, status, argument_json, priority, run_at,"
                    + " enqueued_at, attempts, max_retries, backoff, heartbeat_ms)"
                    + " SELECT g, 'bench-noop', 'bench', 'QUEUED', '{\"enqueuedNanos\":0,\"run\":\"drain\"}', 0,"
                    + " now() - interval '1 hour' + g * interval '1 microsecond', now(), 0, 5, 'exponential(2)', 5000"
                    + " FROM generate_series(1, " + total + ") g");
            s.execute("SELECT setval('eejobs_job_seq', " + ((total / 100) + 2) * 100 + ")");
            s.execute("VACUUM ANALYZE eejobs_job");
        }
    }

    private void awaitEmpty(Duration max) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        try (Connection c = bench(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM eejobs_job WHERE status IN ('QUEUED', 'RUNNING')")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new IllegalStateException("jobs still queued or running after " + max);
    }

    /** Measured jobs per second of the part after the warm-up, from the jobs' own timestamps. */
    private double drainRate() throws SQLException {
        try (Connection c = bench(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), extract(epoch FROM max(finished_at) - min(started_at))"
                        + " FROM eejobs_job WHERE id > " + warmup + " AND status = 'SUCCEEDED'")) {
            rs.next();
            return rs.getLong(1) / rs.getDouble(2);
        }
    }

    private void heap() throws IOException, InterruptedException {
        peakHeapMb = Math.max(peakHeapMb, number(post("/bench/run/heap"), "peakMb"));
    }

    private Map<String, String> post(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([-0-9.Ee]+)").matcher(r.body());
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static double number(Map<String, String> values, String key) {
        return Double.parseDouble(values.get(key));
    }

    private void record(String scenario, int n, double value, String unit) {
        results.computeIfAbsent(scenario + " n=" + n, k -> new ArrayList<>()).add(value);
        units.put(scenario + " n=" + n, unit);
        System.out.printf(Locale.ROOT, "BENCH scenario=%s n=%d workers=%d value=%.1f unit=%s%n",
                scenario, n, workers, value, unit);
    }

    private void report() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %12s %8s  %s%n", "scenario", "median", "unit", "runs");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "%-48s %12.1f %8s  %s%n", e.getKey(), median, units.get(e.getKey()),
                    Arrays.toString(v));
            System.out.printf(Locale.ROOT, "BENCH_MEDIAN scenario=%s workers=%d value=%.1f unit=%s%n",
                    e.getKey().replace(' ', ','), workers, median, units.get(e.getKey()));
        }
        System.out.printf(Locale.ROOT, "BENCH_HEAP peak_mb=%.0f max_mb=512%n", peakHeapMb);
    }

    private static List<Integer> sizes(String key, String fallback) {
        return Arrays.stream(System.getProperty(key, fallback).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }
}
