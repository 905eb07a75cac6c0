package dev.eejobs.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * The same scenarios on JobRunr, the other peer the brief names: plain JobRunr (no Spring, no
 * dashboard) in this JVM, its PostgreSQL storage provider creating its own tables in its own
 * database on the same PostgreSQL, Jackson as its JSON mapper (its default), a background job
 * server with {@code bench.workers} workers polling every 5 s (issue 14's setting; JobRunr's
 * default is 15 s), a HikariCP pool as big as Payara's default (32), a no-op job request.
 * Everything else at JobRunr's defaults: succeeded jobs stay in the table (deleted after 36 h), as
 * eejobs keeps its succeeded jobs. One-by-one enqueue is {@code JobRequestScheduler.enqueue} (or
 * {@code schedule} for a later time), bulk enqueue {@code enqueue(Stream)}. The drain's backlog is
 * stored through the same scheduler while no server runs (its rows are JobRunr's JSON, which SQL
 * cannot fake), then a fresh server drains it. Not in the several-nodes mode.
 */
final class JobRunrRuns extends PeerRuns {

    static final String NAME = "jobrunr";
    private static final Duration POLL = Duration.ofSeconds(5);

    /** Where the running no-op job notes its start and end; JobRunr builds the handler through {@link #ACTIVATOR}. */
    private static volatile PeerTaskLog running;

    /** The no-op job: JobRunr stores it as JSON and hands it back to {@link NoopHandler}. */
    public record Noop(String id) implements JobRequest {
        @Override
        public Class<NoopHandler> getJobRequestHandler() {
            return NoopHandler.class;
        }
    }

    public static final class NoopHandler implements JobRequestHandler<Noop> {
        @Override
        public void run(Noop job) {
            long started = System.nanoTime();
            running.ran(job.id(), started, System.nanoTime());
        }
    }

    private static final NoopHandler HANDLER = new NoopHandler();
    private static final JobActivator ACTIVATOR = new JobActivator() {
        @Override
        public <T> T activateJob(Class<T> type) {
            return type.cast(HANDLER);
        }
    };

    /** One JobRunr: its pool, storage, scheduler and (when started) background job server. */
    private static final class Instance implements AutoCloseable {
        final HikariDataSource pool;
        final StorageProvider storage;
        final JobRequestScheduler scheduler;
        final JsonMapper json = new JacksonJsonMapper();
        BackgroundJobServer server;

        Instance(HikariDataSource pool) {
            this.pool = pool;
            this.storage = storage(pool, DatabaseOptions.SKIP_CREATE);
            storage.setJobMapper(new JobMapper(json));
            this.scheduler = new JobRequestScheduler(storage);
        }

        void startServer(int workers) {
            server = new BackgroundJobServer(storage, json, ACTIVATOR,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(workers).andPollInterval(POLL));
            server.start();
        }

        @Override
        public void close() {
            try {
                if (server != null) {
                    server.stop();
                }
            } finally {
                try {
                    storage.close();
                } finally {
                    pool.close();
                }
            }
        }
    }

    private Instance enqueues;

    JobRunrRuns(BenchSettings settings, PostgresTarget target, Results results) {
        super(NAME, settings, target, results);
    }

    private static StorageProvider storage(DataSource pool, DatabaseOptions options) {
        return new PostgresStorageProvider(pool, options);
    }

    /** Creates the database; JobRunr's storage provider creates its tables (its own migrations). */
    @Override
    void ensureSchema() throws Exception {
        target.ensureDatabase(database);
        try (HikariDataSource pool = pool()) {
            storage(pool, DatabaseOptions.CREATE).close();
        }
    }

    @Override
    void start() {
        running = log;
        enqueues = new Instance(pool());
        enqueues.startServer(settings.workers());
    }

    @Override
    void stop() {
        if (enqueues != null) {
            enqueues.close();
            enqueues = null;
        }
    }

    @Override
    void enqueue(String id, Instant due) {
        if (due.isAfter(Instant.now())) {
            enqueues.scheduler.schedule(due, new Noop(id));
        } else {
            enqueues.scheduler.enqueue(new Noop(id));
        }
    }

    /**
     * {@code JobRequestScheduler.enqueue(Stream)}: JobRunr stores the stream in batches. Its bulk
     * form has no time, so the jobs are due at once: they are stored through an instance without a
     * server, so that no worker runs them beside the call, as the other systems' bulk jobs are due
     * tomorrow.
     */
    @Override
    double bulk(int n) {
        try (Instance storing = new Instance(pool())) {
            Stream<Noop> jobs = IntStream.range(0, n).mapToObj(i -> new Noop("b-" + nextId.incrementAndGet()));
            long start = System.nanoTime();
            storing.scheduler.enqueue(jobs);
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    void drain(int n) throws Exception {
        int warmup = settings.warmup();
        truncate();
        running = log;
        try (Instance drain = new Instance(pool())) {
            Stream<Noop> backlog = IntStream.rangeClosed(1, warmup + n).mapToObj(i -> new Noop(Integer.toString(i)));
            drain.scheduler.enqueue(backlog);
            vacuum();
            log.startDrain(warmup, n);
            drain.startServer(settings.workers());
            awaitRun(Duration.ofSeconds(120 + (warmup + n) / 100));
        }
        record(Scenarios.drain(n), log.drainRate());
        truncate();
    }

    @Override
    String pendingQuery() {
        return "SELECT count(*) FROM jobrunr_jobs WHERE state NOT IN ('SUCCEEDED', 'FAILED', 'DELETED')";
    }

    @Override
    void truncate() throws SQLException {
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobrunr_jobs");
        }
        vacuum();
    }

    private void vacuum() throws SQLException {
        try (Connection c = target.connect(database); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE jobrunr_jobs");
        }
    }

    private HikariDataSource pool() {
        return DbSchedulerRuns.pool(target.url(database), target.user(), target.password(), NAME);
    }
}
