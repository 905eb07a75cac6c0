package dev.eejobs.observability;

import dev.eejobs.engine.EngineStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** UP while the supervisor's engine runs; carries the counters an operator looks at first. */
@Liveness
@ApplicationScoped
public class EngineLiveness implements HealthCheck {

    @Inject
    EngineStats stats;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("eejobs-engine")
                .status(stats.isRunning())
                .withData("workerRestarts", stats.workerRestartCount())
                .withData("leasesExpired", stats.leasesExpiredCount())
                .withData("fencedWrites", stats.fencedWriteCount())
                .withData("succeeded", stats.succeededCount())
                .withData("failedAttempts", stats.failedCount())
                .build();
    }
}
