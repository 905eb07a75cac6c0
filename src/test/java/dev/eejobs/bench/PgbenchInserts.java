package dev.eejobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own rate of one-row insert commits, the ceiling one-by-one enqueue is measured
 * against: {@code pgbench} from {@code bench.pgBin}, as many clients as enqueue callers, the same
 * number of inserts, each its own synchronously committed transaction, into a two-column table of
 * its own database ({@code <bench.db>_pgbench}). Run right after the same round of eejobs and the
 * peer, so the three figures share the machine's load.
 */
final class PgbenchInserts {

    static final String NAME = "pgbench";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final BenchSettings settings;
    private final PostgresTarget target;
    private final Results results;
    private final String database;
    private final Path pgbench;
    private final Path script;

    PgbenchInserts(BenchSettings settings, PostgresTarget target, Results results) {
        this.settings = settings;
        this.target = target;
        this.results = results;
        this.database = target.peerDatabase(NAME);
        this.pgbench = settings.pgBin().resolve("pgbench");
        this.script = settings.dir().resolve("pgbench-insert.sql");
    }

    /** @return whether pgbench is there to run */
    boolean available() {
        return Files.isExecutable(pgbench);
    }

    void ensureTable() throws SQLException, IOException {
        target.ensureDatabase(database);
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL)");
        }
        Files.writeString(script, "INSERT INTO bench_insert (payload) VALUES ('{\"run\":\"single\",\"enqueuedNanos\":0}');\n",
                StandardCharsets.UTF_8);
    }

    /** {@code bench.single} one-row insert commits from {@code clients} connections at once. */
    void round(int clients) throws Exception {
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("TRUNCATE bench_insert");
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(pgbench.toString(), "-n", "-h", target.host(),
                "-p", String.valueOf(target.port()), "-U", target.user(), "-f", script.toString(),
                "-c", String.valueOf(clients), "-j", String.valueOf(clients),
                "-t", String.valueOf(Math.max(1, settings.single() / clients)), database)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", target.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench failed: " + out);
        }
        Matcher m = TPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench's output: " + out);
        }
        results.record(target.name(), NAME, Scenarios.single(clients), Double.parseDouble(m.group(1)));
    }
}
