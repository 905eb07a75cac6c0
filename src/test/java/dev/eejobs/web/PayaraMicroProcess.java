package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro as the README runs it, in a process of its own: the demo WAR at the root context
 * (or a user's WAR at its own) with the demo users, on PostgreSQL or on the embedded H2 database.
 * For a test that must watch the server from its very start (readiness) and talk to it without
 * any test harness in between.
 */
final class PayaraMicroProcess implements AutoCloseable {

    private final Process process;
    final int port;
    final File log;

    private PayaraMicroProcess(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param settings {@code jobs.*} settings, as system properties
     */
    static PayaraMicroProcess startDemoOnPostgres(List<String> settings) throws IOException {
        return startDemoOnPostgres(settings, "hostile-requests-payara.log");
    }

    /**
     * @param settings {@code jobs.*} settings, as system properties
     * @param logName the server log's file name under target/
     */
    static PayaraMicroProcess startDemoOnPostgres(List<String> settings, String logName) throws IOException {
        String basedir = System.getProperty("eejobs.basedir", ".");
        return startDemo(settings, logName, List.of("--addlibs", basedir + "/target/lib/postgresql.jar",
                "--postbootcommandfile", basedir + "/server-config/postgresql.asadmin"));
    }

    /**
     * The demo as the README's run command starts it: Payara Micro's embedded H2 database.
     *
     * @param logName the server log's file name under target/
     */
    static PayaraMicroProcess startDemoOnH2(String logName) throws IOException {
        return startDemo(List.of(), logName, List.of());
    }

    private static PayaraMicroProcess startDemo(List<String> settings, String logName, List<String> databaseOptions)
            throws IOException {
        String basedir = System.getProperty("eejobs.basedir", ".");
        return start(settings, logName, databaseOptions,
                List.of("--deploy", System.getProperty("eejobs.war", basedir + "/target/eejobs.war"), "--contextroot", "/"));
    }

    /**
     * Another WAR (a user's) as its own context root, on the embedded H2 database, with the demo users.
     *
     * @param logName the server log's file name under target/
     */
    static PayaraMicroProcess startOnH2(File war, String logName) throws IOException {
        return start(List.of(), logName, List.of(), List.of("--deploy", war.getPath()));
    }

    private static PayaraMicroProcess start(List<String> settings, String logName, List<String> databaseOptions,
            List<String> deployment) throws IOException {
        String basedir = System.getProperty("eejobs.basedir", ".");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx512m",
                "-Deejobs.keyfile=" + basedir + "/server-config/demo-keyfile"));
        settings.forEach(s -> command.add("-D" + s));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", basedir + "/target/payara-micro.jar"),
                "--nocluster", "--port", Integer.toString(port),
                "--prebootcommandfile", basedir + "/server-config/demo-users.asadmin"));
        command.addAll(databaseOptions);
        command.addAll(deployment);
        File log = new File(basedir, "target/" + logName);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start(); // inherits EEJOBS_DB_NAME
        return new PayaraMicroProcess(process, port, log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits up to 5 minutes until {@code ready} holds, polling every {@code interval}, and fails at
     * once if the server exits; a check that throws (the server is not listening yet) is not ready.
     */
    void awaitReady(Duration interval, Callable<Boolean> ready) {
        await("the server is ready; see " + log).atMost(Duration.ofMinutes(5)).pollInterval(interval).until(() -> {
            assertThat(alive()).as("Payara Micro is running; see " + log).isTrue();
            try {
                return ready.call();
            } catch (Exception notListeningYet) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
