package dev.eejobs.observability;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.api.JobState;
import dev.eejobs.engine.EngineStats;
import dev.eejobs.engine.JobSupervisor;
import dev.eejobs.engine.JobTypeExtension;
import dev.eejobs.store.JobQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP when the HTTP API answers, the database answers within {@code jobs.health.database-timeout}
 * and the node is not draining. Data: queue depths, the oldest due job's age, dead jobs,
 * queued jobs of types this node does not know (they wait for a node that has them, never
 * dropped) and worker restarts; the counts are cached for {@code jobs.metrics.counts-refresh}.
 */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {

    @Inject
    JobQueries queries;

    @Inject
    QueueCounts counts;

    @Inject
    JobTypeExtension registered;

    @Inject
    JobSupervisor supervisor;

    @Inject
    EngineStats stats;

    @Inject
    JobsConfig settings;

    @Inject
    ApiServing api;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-store");
        if (!api.serving()) {
            return response.down().withData("api", "starting").build();
        }
        String unreachable = probe(settings.healthDatabaseTimeout());
        if (unreachable != null) {
            return response.down().withData("database", unreachable).build();
        }
        QueueCounts.Snapshot snapshot = counts.current();
        long unknown = 0;
        for (Map.Entry<String, Long> e : snapshot.queuedByType().entrySet()) {
            if (!registered.isRegistered(e.getKey())) {
                unknown += e.getValue();
                response.withData("unknownType." + e.getKey(), e.getValue());
            }
        }
        for (String queue : snapshot.byQueue().keySet()) {
            response.withData("queued." + queue, snapshot.count(queue, JobState.QUEUED));
        }
        for (String queue : snapshot.paused()) {
            response.withData("paused." + queue, true); // paused on purpose: still UP
        }
        Instant now = snapshot.readAt() == null ? Instant.EPOCH : snapshot.readAt();
        snapshot.oldestDue().values().stream().filter(Objects::nonNull).min(Instant::compareTo).ifPresent(oldest ->
                response.withData("oldestQueuedAgeSeconds", Math.max(0, Duration.between(oldest, now).toSeconds())));
        boolean draining;
        try {
            draining = supervisor.status().draining();
        } catch (RuntimeException e) {
            // the supervisor is still in its @PostConstruct (migrating): the EJB container refuses calls
            return response.down().withData("api", "serving").withData("engine", "starting").build();
        }
        return response.status(!draining)
                .withData("api", "serving")
                .withData("database", "reachable")
                .withData("draining", draining)
                .withData("queued", snapshot.total(JobState.QUEUED))
                .withData("dead", snapshot.total(JobState.DEAD))
                .withData("queuedOfUnknownTypes", unknown)
                .withData("workerRestarts", stats.workerRestartCount())
                .build();
    }

    /**
     * Bounded end to end by the timeout: the store's ping runs plain JDBC on a thread of its own and
     * stops waiting at the deadline, whatever the pool's settings; an answer that came too late
     * still counts as DOWN.
     *
     * @return null when the database answered in time, else why not
     */
    private String probe(Duration timeout) {
        long started = System.nanoTime();
        try {
            queries.ping(timeout);
        } catch (RuntimeException e) {
            return "unreachable: " + (e.getMessage() == null ? rootCause(e) : e.getMessage());
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        return tookMillis > timeout.toMillis() ? "answered in " + tookMillis + "ms, over the " + timeout.toMillis()
                + "ms limit (jobs.health.database-timeout)" : null;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
