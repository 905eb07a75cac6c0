package dev.eejobs.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Benchmarks the WAR on Payara Micro beside db-scheduler and JobRunr, on the shared PostgreSQL and on a
 * throwaway one with stock settings, then prints the README's tables. Run with
 * {@code mvn -Pbench package}. For each target, in this order: the enqueue scenarios (both
 * systems warmed up, then each round on eejobs right before the same round on the peer), the drains (eejobs and the peer taking turns), the several-nodes mode, the
 * opt-in scale mode. Every figure is printed as a {@code BENCH} line when taken; the tables at
 * the end show medians and same-run ratios.
 *
 * <p>System properties (defaults in brackets): bench.targets [shared,stock; url when bench.jdbcUrl
 * is set], bench.jdbcUrl / bench.user [postgres] / bench.password [empty], bench.db
 * [eejobs_bench; each peer uses {@code <db>_<peer>}], bench.peers [db-scheduler,jobrunr; none; the
 * several-nodes mode runs db-scheduler only],
 * bench.drain [10000,100000], bench.drainOnly, bench.enqueueScenarios [bulk,http,single,latency,delayed; also not-due],
 * bench.callers [1,8; callers of one-by-one enqueue], bench.warmup [20000, before every path],
 * bench.settlePasses [12] / bench.settleJit [0.03] (rehearsals of the one-by-one rounds, and of the
 *     several-nodes enqueue round, until each JVM's JIT compiler is quiet, see {@link JitSettling}; 0: none),
 * bench.bulk [100000], bench.single [5000], bench.latency [2000 jobs at bench.rate 200/s],
 * bench.workers [16], bench.repeats [3], bench.nodes [1,2,3; empty skips the mode],
 * bench.nodeLayouts [servers,one-server: one server per node (and the peer's schedulers one JVM each), and the nodes as
 *     applications of one server (and the peer's schedulers in one JVM)],
 * bench.nodeDrain [100000], bench.nodeSingle [40000], bench.scale [false] with bench.scaleSizes [10000,1000000],
 * bench.port [8095; node i uses port + i], bench.jvmArgs (extra server JVM options; {port} is
 * replaced by the node's port, e.g. for one flight recording per node), bench.pgBin
 * [/usr/lib/postgresql/15/bin], bench.stockPgOptions (extra postgres options for the throwaway
 * instance, for profiling only).
 */
public final class Benchmark {

    private final BenchSettings settings;
    private final Results results;

    private Benchmark(BenchSettings settings) {
        this.settings = settings;
        this.results = new Results(settings.workers());
    }

    public static void main(String[] args) throws Exception {
        new Benchmark(BenchSettings.fromSystemProperties()).run();
    }

    private void run() throws Exception {
        for (String peer : settings.peers()) {
            if (!peer.equals(DbSchedulerRuns.NAME) && !peer.equals(JobRunrRuns.NAME)) {
                throw new IllegalArgumentException("bench.peers: unknown peer " + peer
                        + " (db-scheduler, jobrunr, or none)");
            }
        }
        Files.createDirectories(settings.dir());
        Path war = buildWar();
        try {
            for (String target : settings.targets()) {
                switch (target) {
                    case "shared" -> runOn(new PostgresTarget("shared", "the shared instance at 127.0.0.1:5432",
                            "127.0.0.1", 5432, settings.db(), settings.user(), settings.password(), null), war);
                    case "stock" -> {
                        try (ThrowawayPostgres pg = ThrowawayPostgres.start(settings.pgBin(),
                                settings.dir().resolve("pg-stock"), settings.stockPgOptions())) {
                            runOn(new PostgresTarget("stock", "a throwaway instance with initdb's settings on port "
                                    + pg.port() + (settings.stockPgOptions().isEmpty() ? ""
                                    : " and " + settings.stockPgOptions()), "127.0.0.1", pg.port(), settings.db(),
                                    "postgres", "", pg.dataDir()), war);
                        }
                    }
                    case "url" -> runOn(PostgresTarget.fromUrl("url", settings.jdbcUrl(), settings.user(),
                            settings.password()), war);
                    default -> throw new IllegalArgumentException("bench.targets: unknown target " + target
                            + " (shared, stock or url)");
                }
            }
        } finally {
            results.report();
        }
    }

    private void runOn(PostgresTarget target, Path war) throws Exception {
        EejobsRuns eejobs = new EejobsRuns(settings, target, war, results);
        eejobs.ensureSchema();
        results.target(target.name(), target.description() + " (" + target.settings() + ")");
        DbSchedulerRuns dbScheduler = settings.runsPeer(DbSchedulerRuns.NAME)
                ? new DbSchedulerRuns(settings, target, results) : null;
        List<PeerRuns> peers = new ArrayList<>();
        if (dbScheduler != null) {
            peers.add(dbScheduler);
        }
        if (settings.runsPeer(JobRunrRuns.NAME)) {
            peers.add(new JobRunrRuns(settings, target, results));
        }
        for (PeerRuns peer : peers) {
            peer.ensureSchema();
        }
        if (!settings.drainOnly() && !settings.enqueueScenarios().isEmpty()) {
            PgbenchInserts pgbench = settings.runs("single") ? new PgbenchInserts(settings, target, results) : null;
            if (pgbench != null && pgbench.available()) {
                pgbench.ensureTable();
            } else {
                pgbench = null;
            }
            enqueueScenarios(eejobs, peers, pgbench);
        }
        for (int n : settings.drainSizes()) {
            for (int r = 0; r < settings.repeats(); r++) {
                eejobs.drain(n);
                for (PeerRuns peer : peers) {
                    peer.drain(n);
                }
            }
        }
        if (settings.severalNodes()) {
            for (int k : settings.nodes()) {
                for (int r = 0; r < settings.repeats(); r++) {
                    // each layout on both systems: processes against processes, one JVM against one JVM
                    if (settings.nodeLayouts().contains("servers")) {
                        eejobs.nodes(k, false);
                        if (dbScheduler != null) {
                            dbScheduler.nodesInProcesses(k);
                        }
                    }
                    if (k > 1 && settings.nodeLayouts().contains("one-server")) {
                        eejobs.nodes(k, true);
                    }
                    if (dbScheduler != null && settings.nodeLayouts().contains("one-server")) {
                        dbScheduler.nodes(k);
                    }
                }
            }
        }
        for (int n : settings.scaleSizes()) {
            eejobs.scale(n);
        }
    }

    /** One round of one-by-one enqueue on eejobs, then on each peer, then of pgbench's inserts. */
    private static void singleRounds(EejobsRuns eejobs, List<PeerRuns> peers, PgbenchInserts pgbench, int callers)
            throws Exception {
        eejobs.singleRound(callers);
        for (PeerRuns peer : peers) {
            peer.singleRound(callers);
        }
        if (pgbench != null) {
            pgbench.round(callers);
        }
    }

    /**
     * Both systems up and warmed at once, then every round of eejobs right before the same round
     * of the peer (and, for one-by-one enqueue, of PostgreSQL's own one-row inserts): on a machine whose load changes by the minute, a ratio of figures taken seconds
     * apart means more than one of figures taken a phase apart.
     */
    private void enqueueScenarios(EejobsRuns eejobs, List<PeerRuns> peers, PgbenchInserts pgbench) throws Exception {
        eejobs.startEnqueues();
        List<PeerRuns> started = new ArrayList<>();
        try {
            for (PeerRuns peer : peers) {
                peer.startEnqueues();
                started.add(peer);
            }
            for (int r = 0; r < settings.repeats() && settings.runs("bulk"); r++) {
                eejobs.bulkRound();
                for (PeerRuns peer : peers) {
                    peer.bulkRound();
                }
            }
            for (int r = 0; r < settings.repeats() && settings.runs("http"); r++) {
                eejobs.httpRound();
            }
            if (settings.runsOneByOne()) {
                List<JitSettling.Subject> jvms = new ArrayList<>(List.of(eejobs.settling()));
                peers.forEach(peer -> jvms.add(peer.settling()));
                JitSettling.settle(settings, results, jvms, callers -> singleRounds(eejobs, peers, pgbench, callers));
            }
            for (int callers : settings.runs("single") ? settings.callers() : List.<Integer>of()) {
                for (int r = 0; r < settings.repeats(); r++) {
                    singleRounds(eejobs, peers, pgbench, callers);
                }
            }
            for (int callers : settings.runs("not-due") ? settings.callers() : List.<Integer>of()) {
                for (int r = 0; r < settings.repeats(); r++) {
                    eejobs.notDueRound(callers);
                    for (PeerRuns peer : peers) {
                        peer.notDueRound(callers);
                    }
                }
            }
            for (int r = 0; r < settings.repeats() && settings.runs("latency"); r++) {
                eejobs.latencyRound();
                for (PeerRuns peer : peers) {
                    peer.latencyRound();
                }
            }
            for (int r = 0; r < settings.repeats() && settings.runs("delayed"); r++) {
                eejobs.delayedRound();
                for (PeerRuns peer : peers) {
                    peer.delayedRound();
                }
            }
        } finally {
            try {
                for (PeerRuns peer : started) {
                    peer.stopEnqueues();
                }
            } finally {
                eejobs.stopEnqueues();
            }
        }
    }

    private Path buildWar() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/eejobs.war"));
        WebArchive bench = ShrinkWrap.create(WebArchive.class, "eejobs-bench.war").merge(war);
        bench.delete("/WEB-INF/classes/dev/eejobs/example");
        bench.addClasses(Tick.class, NoopJob.class, CpuTime.class, BenchResource.class,
                BenchResource.BenchApplication.class);
        Path file = settings.dir().resolve("eejobs-bench.war");
        bench.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
