package dev.eejobs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Payara Micro server running the benchmark WAR on its own HTTP port, against one target database. */
final class PayaraNode {

    /**
     * HTTP/1.1: over HTTP/2 (an h2c upgrade) runs on a loaded machine failed with an EOF on the
     * connection in the middle of a warm-up request.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([-0-9.Ee]+)");

    private final int port;
    private final Process process;
    /** The context root of this node's WAR: empty when it is the server's only application, at "/". */
    private final String root;

    private PayaraNode(int port, Process process, String root) {
        this.port = port;
        this.process = process;
        this.root = root;
    }

    /** Starts a server with the WAR at "/"; {@link #awaitReady} tells when it is up. */
    static PayaraNode launch(BenchSettings settings, PostgresTarget target, Path war, int port) throws IOException {
        return new PayaraNode(port, start(settings, target, List.of("--deploy", war.toString(), "--contextroot", "/"),
                port), "");
    }

    /**
     * Starts one server with {@code wars.size()} applications, each WAR under its own context root
     * (its file name): as many engines in one JVM, each with its own workers, claims and lease
     * owner, sharing the server's connection pool and executor.
     *
     * @return one node per application, all stopped by stopping any of them
     */
    static List<PayaraNode> launchInOneServer(BenchSettings settings, PostgresTarget target, List<Path> wars, int port)
            throws IOException {
        List<String> deploy = new ArrayList<>();
        wars.forEach(w -> deploy.addAll(List.of("--deploy", w.toString())));
        Process process = start(settings, target, deploy, port);
        return wars.stream().map(w -> new PayaraNode(port, process,
                "/" + w.getFileName().toString().replaceFirst("\\.war$", ""))).toList();
    }

    private static Process start(BenchSettings settings, PostgresTarget target, List<String> deploy, int port)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m"));
        if (!settings.jvmArgs().isEmpty()) {
            cmd.addAll(List.of(settings.jvmArgs().replace("{port}", Integer.toString(port)).split("\\s+")));
        }
        cmd.addAll(List.of("-Djobs.workers=" + settings.workers(), "-Djobs.queues=bench",
                "-Deejobs.keyfile=" + Path.of("server-config", "demo-keyfile").toAbsolutePath(),
                "-jar", "target/payara-micro.jar", "--nocluster", "--port", Integer.toString(port),
                "--prebootcommandfile", "server-config/demo-users.asadmin",
                "--addlibs", "target/lib/postgresql.jar", "--postbootcommandfile", "server-config/postgresql.asadmin"));
        cmd.addAll(deploy);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        settings.dir().resolve("payara-" + port + ".log").toFile()));
        pb.environment().putAll(target.payaraEnvironment());
        return pb.start();
    }

    /** Whether this node and {@code other} are applications of one server. */
    boolean sharesServerWith(PayaraNode other) {
        return process == other.process;
    }

    void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro on port " + port + " exited; see target/bench/payara-"
                        + port + ".log");
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
        throw new IllegalStateException("Payara Micro on port " + port + " did not become ready in 4 minutes");
    }

    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** POSTs to a benchmark endpoint and returns the numeric fields of its JSON answer. */
    Map<String, String> post(String path) throws IOException, InterruptedException {
        return numbers(checked(path, HTTP.send(postRequest(path), HttpResponse.BodyHandlers.ofString())));
    }

    CompletableFuture<Map<String, String>> postAsync(String path) {
        return HTTP.sendAsync(postRequest(path), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> numbers(checked(path, r)));
    }

    /** The server's accumulated JIT compilation time, in milliseconds ({@link JitSettling}). */
    long compileMillis() throws IOException, InterruptedException {
        return Long.parseLong(get("/bench/run/jit").trim());
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        return checked(path, r).body();
    }

    /**
     * Sum of every series of a counter in the server's /metrics (Prometheus text): of all its
     * applications where it runs several.
     */
    double metricSum(String name) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** @param path an application path, or one of the server's own ({@code /health}, {@code /metrics}) */
    URI uri(String path) {
        boolean server = path.startsWith("/health") || path.startsWith("/metrics");
        return URI.create("http://127.0.0.1:" + port + (server ? "" : root) + path);
    }

    private HttpRequest postRequest(String path) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(15)).build();
    }

    private static HttpResponse<String> checked(String path, HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static Map<String, String> numbers(HttpResponse<String> r) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = NUMBER_FIELD.matcher(r.body());
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }
}
