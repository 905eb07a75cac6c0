package dev.eejobs.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL instance of the benchmark's own, as a user would install it: initdb's defaults
 * (autovacuum on, stock memory, fsync and synchronous commit on), only the port and the socket
 * directory chosen here, its data under target/. Stopped at the end of the run, and by a shutdown
 * hook if the run is cut short. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user. The fault suite ({@code dev.eejobs.fault}) uses one too, and restarts and
 * crashes it.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;
    private String options;
    private final Thread stopOnExit = new Thread(this::stopQuietly, "stop-throwaway-postgres");

    private ThrowawayPostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    /**
     * Creates and starts a fresh instance in {@code home} (whatever was there is removed).
     *
     * @param extraOptions further {@code postgres} command-line options, e.g. {@code -c
     *     log_min_duration_statement=0} for a profile; empty for a stock instance
     */
    public static ThrowawayPostgres start(Path bin, Path home, String extraOptions)
            throws IOException, InterruptedException {
        ThrowawayPostgres pg = new ThrowawayPostgres(bin, home, freePort());
        pg.stopLeftover();
        deleteTree(home);
        Files.createDirectories(home.resolve("socket"));
        pg.chownToPostgres();
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8"));
        pg.options = "-p " + pg.port + " -k " + home.resolve("socket") + (extraOptions.isEmpty() ? "" : " "
                + extraOptions);
        pg.startAgain();
        Runtime.getRuntime().addShutdownHook(pg.stopOnExit);
        return pg;
    }

    /** Starts the stopped (or crashed) instance again on its port, recovering from a crash if need be. */
    public void startAgain() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options, "-l",
                home.resolve("postgres.log").toString(), "-w", "-t", "120", "start"));
    }

    /** A fast restart: sessions are ended, checkpoint, start again. */
    public void restartFast() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options, "-l",
                home.resolve("postgres.log").toString(), "-m", "fast", "-w", "-t", "120", "restart"));
    }

    /** A crash: every server process quits at once, no checkpoint; the next start recovers from the WAL. */
    public void crash() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    public int port() {
        return port;
    }

    Path dataDir() {
        return data;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        runAllowingFailure(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook stops it
        }
    }

    /** A run killed before it stopped its instance left one running: stop it before the data goes. */
    private void stopLeftover() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            runAllowingFailure(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "-w", "stop"));
        }
    }

    private void stopQuietly() {
        try {
            runAllowingFailure(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                    "stop"));
        } catch (IOException | InterruptedException e) {
            // the JVM is going away; nothing more to do
        }
    }

    private void chownToPostgres() throws IOException, InterruptedException {
        if (asRoot()) {
            Process p = new ProcessBuilder("chown", "-R", "postgres:postgres", home.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cannot hand " + home + " to the postgres user");
            }
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        int exit = runAllowingFailure(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "; see "
                    + home.resolve("commands.log"));
        }
    }

    private int runAllowingFailure(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Files.createDirectories(home);
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("commands.log").toFile())).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 3 minutes");
        }
        return p.exitValue();
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
