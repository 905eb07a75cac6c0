package dev.eejobs.observability;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.JobSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * UP once the schema migrations are applied and the supervisor has started the engine with every
 * loop on a thread (with {@code jobs.enabled=false} the engine only announces enqueues). While it
 * is DOWN, {@code problem} says why, e.g. the datasource or executor is missing.
 */
@Startup
@ApplicationScoped
public class EngineStartup implements HealthCheck {

    @Inject
    JobSupervisor supervisor;

    @Inject
    JobsConfig config;

    @Override
    public HealthCheckResponse call() {
        EngineStatus status = supervisor.status();
        boolean started = status.running() || status.draining();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-startup")
                .status(status.migrated() && started && status.problem() == null)
                .withData("migrated", status.migrated())
                .withData("engineEnabled", config.enabled())
                .withData("engineStarted", started);
        if (status.problem() != null) {
            response.withData("problem", status.problem());
        }
        return response.build();
    }
}
