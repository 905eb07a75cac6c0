package dev.eejobs.observability;

import dev.eejobs.config.EngineClock;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.engine.EngineStats;
import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.JobSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * UP while the supervisor runs the engine, every loop is alive or about to be restarted, and no
 * fetcher is stuck ({@link LivenessRules}). Draining counts as alive: a restart then would only
 * cut the grace period short. A node with {@code jobs.enabled=false} has nothing to watch.
 */
@Liveness
@ApplicationScoped
public class EngineLiveness implements HealthCheck {

    @Inject
    JobSupervisor supervisor;

    @Inject
    EngineStats stats;

    @Inject
    JobsConfig config;

    @Inject
    JobsConfig settings;

    @Inject
    @EngineClock
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        EngineStatus status = supervisor.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-engine")
                .withData("running", status.running())
                .withData("draining", status.draining())
                .withData("loops", status.loops().size())
                .withData("loopsDead", status.loops().stream().filter(l -> !l.alive()).count())
                .withData("workerRestarts", stats.workerRestartCount())
                .withData("leasesExpired", stats.leasesExpiredCount())
                .withData("fencedWrites", stats.fencedWriteCount())
                .withData("stoppedForLease", stats.stoppedForLeaseCount())
                .withData("stopIgnored", stats.stopIgnoredCount())
                .withData("schedulesFired", stats.schedulesFiredCount())
                .withData("succeeded", stats.succeededCount())
                .withData("failedAttempts", stats.failedCount())
                .withData("dead", stats.deadCount());
        if (!config.enabled()) {
            return response.up().withData("engineEnabled", false).build();
        }
        List<String> problems = LivenessRules.problems(status, clock.instant(), settings.healthFetcherStall(),
                settings.healthRestartOverdue());
        if (!status.running() && !status.draining()) {
            problems.add(0, "the engine is not running");
        }
        for (int i = 0; i < problems.size(); i++) {
            response.withData("problem." + (i + 1), problems.get(i));
        }
        return response.status(problems.isEmpty()).build();
    }
}
