package dev.eejobs.fault;

import dev.eejobs.bench.ThrowawayPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the fault suite runs on: a throwaway PostgreSQL of its own (never the shared one), and
 * Payara Micro nodes, each reaching it through its own {@link DbProxy}. Jobs are stored straight
 * into the job table, so storing them never depends on a node.
 */
final class FaultCluster implements AutoCloseable {

    /** Short heartbeats, so leases expire in 5 s and the suite stays short. */
    static final Map<String, String> SETTINGS = Map.of(
            "jobs.heartbeat", "1s",
            "jobs.workers", "4",
            "jobs.poll-interval", "200ms",
            "jobs.housekeeping-interval", "500ms",
            "jobs.shutdown-grace", "3s",
            "jobs.health.database-timeout", "2s",
            "jobs.metrics.counts-refresh", "1s");
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    final Path dir;
    final ThrowawayPostgres postgres;
    final List<FaultNode> nodes = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1_000_000_000_000L);
    private Path war;

    private FaultCluster(Path dir, ThrowawayPostgres postgres) {
        this.dir = dir;
        this.postgres = postgres;
    }

    static FaultCluster start(int nodeCount) throws Exception {
        Path dir = Path.of(System.getProperty("eejobs.basedir", "."), "target", "fault").toAbsolutePath();
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.delete(p);
            }
        }
        Path bin = Path.of(System.getProperty("fault.pgBin", "/usr/lib/postgresql/15/bin"));
        ThrowawayPostgres pg = ThrowawayPostgres.start(bin, dir.resolve("pg"), "-c max_connections=300");
        FaultCluster cluster = new FaultCluster(dir, pg);
        try {
            cluster.war = cluster.buildWar();
            for (int i = 0; i < nodeCount; i++) {
                cluster.launch(String.valueOf((char) ('A' + i)));
            }
            ExecutorService waiters = Executors.newFixedThreadPool(nodeCount);
            List<Future<?>> ready = new ArrayList<>();
            for (FaultNode n : cluster.nodes) {
                ready.add(waiters.submit(() -> n.awaitReady(Duration.ofMinutes(4))));
            }
            for (Future<?> f : ready) {
                f.get(5, TimeUnit.MINUTES);
            }
            waiters.shutdown();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts one more node of the suite's WAR, without waiting for it. */
    FaultNode launch(String name) throws IOException {
        FaultNode node = FaultNode.launch(name, dir, war, new DbProxy(postgres.port()), SETTINGS);
        nodes.add(node);
        return node;
    }

    /** The demo WAR with the demo jobs swapped for the suite's probe jobs and schedule. */
    private Path buildWar() {
        WebArchive demo = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("eejobs.war",
                "target/eejobs.war")));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "eejobs-fault.war").merge(demo);
        war.delete("/WEB-INF/classes/dev/eejobs/example");
        war.addClasses(ProbeJob.class, ProbeJob.Work.class, TickJob.class, TickJob.Tick.class, ProbeLog.class,
                FaultSetup.class);
        war.addClasses(ControlJob.class, ControlJob.Nap.class);
        Path file = dir.resolve("eejobs-fault.war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", "postgres",
                "postgres");
    }

    /** Stores probe jobs, due now, each running {@code millis}. */
    List<Long> enqueue(int count, long millis, boolean poison, int maxRetries) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO eejobs_job (id, job_type,"
                + " queue_name, status, argument_json, priority, run_at, enqueued_at, attempts, max_retries, backoff,"
                + " heartbeat_ms) VALUES (?, 'fault-probe', 'fault', 'QUEUED', ?, 0, now(), now(), 0, ?, 'fixed(1s)', ?)")) {
            for (int i = 0; i < count; i++) {
                long id = nextId.incrementAndGet();
                s.setLong(1, id);
                s.setString(2, "{\"millis\":" + millis + ",\"poison\":" + poison + "}");
                s.setInt(3, maxRetries);
                s.setLong(4, HEARTBEAT.toMillis());
                s.addBatch();
                ids.add(id);
            }
            s.executeBatch();
        }
        return ids;
    }

    /** One row of a job as the test reads it. */
    record JobRow(long id, String status, int attempts, String leaseOwner, String lastError) {}

    Map<Long, JobRow> jobs(Collection<Long> ids) throws SQLException {
        Map<Long, JobRow> rows = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT id, status, attempts,"
                + " lease_owner, last_error FROM eejobs_job WHERE id = ANY (?) ORDER BY id")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new JobRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return rows;
    }

    /** @return how many of the jobs are SUCCEEDED or DEAD; -1 while the database does not answer */
    long finished(Collection<Long> ids) {
        try {
            return jobs(ids).values().stream().filter(r -> r.status().equals("SUCCEEDED") || r.status().equals("DEAD"))
                    .count();
        } catch (SQLException e) {
            return -1;
        }
    }

    /** @return RUNNING jobs whose lease the given JVM holds */
    long runningOn(long pid) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM eejobs_job WHERE status = 'RUNNING' AND lease_owner LIKE ?")) {
            s.setString(1, pid + "@%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return the ticks (epoch ms) of the schedule's jobs fired after {@code afterMillis} */
    List<Long> ticksAfter(String schedule, long afterMillis) throws SQLException {
        List<Long> ticks = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT schedule_key FROM eejobs_job WHERE schedule_key LIKE ?")) {
            s.setString(1, schedule + "@%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long tick = Long.parseLong(rs.getString(1).substring(schedule.length() + 1));
                    if (tick > afterMillis) {
                        ticks.add(tick);
                    }
                }
            }
        }
        ticks.sort(Long::compare);
        return ticks;
    }

    ProbeRuns runs() throws IOException {
        return ProbeRuns.read(nodes.stream().map(n -> n.probeLog).toList());
    }

    List<FaultNode> alive() {
        return nodes.stream().filter(FaultNode::alive).toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (FaultNode n : nodes) {
            n.stop();
            n.proxy.close();
        }
        postgres.close();
    }
}
