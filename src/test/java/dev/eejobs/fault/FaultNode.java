package dev.eejobs.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Payara Micro JVM running the suite's WAR, as the README runs the demo (like the benchmark's
 * {@code PayaraNode}): connected to the database only through its own {@link DbProxy}.
 */
final class FaultNode {

    // HTTP/1.1: an h2c upgrade can deadlock Grizzly's HTTP/2 output (seen: a node that never answered readiness)
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    final DbProxy proxy;
    final Path probeLog;
    private final Process process;

    private FaultNode(String name, int port, DbProxy proxy, Path probeLog, Process process) {
        this.name = name;
        this.port = port;
        this.proxy = proxy;
        this.probeLog = probeLog;
        this.process = process;
    }

    static FaultNode launch(String name, Path dir, Path war, DbProxy proxy, Map<String, String> settings)
            throws IOException {
        String basedir = System.getProperty("eejobs.basedir", ".");
        int port = freePort();
        Path probeLog = dir.resolve("probe-" + name + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx400m",
                "-Dfault.node=" + name, "-Dfault.probe.log=" + probeLog.toAbsolutePath(),
                "-Deejobs.keyfile=" + Path.of(basedir, "server-config", "demo-keyfile").toAbsolutePath()));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", System.getProperty("payara.microJar", basedir + "/target/payara-micro.jar"),
                "--nocluster", "--port", Integer.toString(port),
                "--prebootcommandfile", basedir + "/server-config/demo-users.asadmin",
                "--addlibs", basedir + "/target/lib/postgresql.jar",
                "--postbootcommandfile", basedir + "/src/test/asadmin/postgresql-fault.asadmin",
                "--deploy", war.toString(), "--contextroot", "/"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("payara-" + name + ".log").toFile()));
        pb.environment().putAll(Map.of("EEJOBS_DB_HOST", "127.0.0.1", "EEJOBS_DB_PORT", Integer.toString(proxy.port()),
                "EEJOBS_DB_NAME", "postgres", "EEJOBS_DB_USER", "postgres", "EEJOBS_DB_PASSWORD", "postgres"));
        return new FaultNode(name, port, proxy, probeLog, pb.start());
    }

    void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited; see target/fault/payara-" + name + ".log");
            }
            last = ready(Duration.ofSeconds(5));
            if (last.status() == 200) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        Path dump = Path.of("target", "fault", "threads-" + name + ".txt");
        dumpThreads(dump);
        throw new IllegalStateException("node " + name + " not ready within " + within + "; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()) + "; its threads: " + dump);
    }

    /** Writes the node's thread dump (jcmd of the test's JDK) for a node that does not get ready. */
    private void dumpThreads(Path to) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(to.toFile()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the assertion message still says what the node answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An answer: its HTTP status (0: no answer), how long it took, its body and its headers. */
    record Answer(int status, Duration took, String body, java.net.http.HttpHeaders headers) {
        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(\\d+)\"");

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        /** @return the job id in the body (an enqueue's answer) */
        String id() {
            Matcher m = ID.matcher(body);
            assertThat(m.find()).as(body).isTrue();
            return m.group(1);
        }
    }

    Answer ready(Duration timeout) {
        return get("/health/ready", timeout);
    }

    Answer get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout));
    }

    /** POSTs without a body as {@code user} ({@code name:password}, HTTP Basic). */
    Answer post(String path, String user, Duration timeout) {
        return send(asUser(path, user, timeout).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs a JSON body as {@code user}. */
    Answer post(String path, String user, String json, Duration timeout) {
        return send(asUser(path, user, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs as {@code user}. */
    Answer get(String path, String user, Duration timeout) {
        return send(asUser(path, user, timeout));
    }

    private HttpRequest.Builder asUser(String path, String user, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(user.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), Duration.ofNanos(System.nanoTime() - start), r.body(), r.headers());
        } catch (IOException e) {
            return new Answer(0, Duration.ofNanos(System.nanoTime() - start), e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Duration.ofNanos(System.nanoTime() - start), e.toString(), null);
        }
    }

    /** @return a number from the data of the liveness check, -1 if the node did not answer */
    long liveData(String key) {
        Answer a = get("/health/live", Duration.ofSeconds(10));
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"?(\\d+)").matcher(a.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: the JVM ends at once, nothing is drained or handed back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the server shuts down and the engine drains. */
    boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
