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
 * UP once the schema migrations are applied, the supervisor has started the engine with every loop
 * on a thread (with {@code jobs.enabled=false} the engine only announces enqueues) and the HTTP API
 * answers. While it is DOWN, {@code problem} says why, e.g. the datasource or executor is missing.
 */
@Startup
@ApplicationScoped
public class EngineStartup implements HealthCheck {

    @Inject
    JobSupervisor supervisor;

    @Inject
    JobsConfig config;

    @Inject
    ApiServing api;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-startup");
        if (!api.serving()) {
            // asked before the web module finished starting: its beans may not answer yet either
            return response.down().withData("apiServing", false).build();
        }
        EngineStatus status = supervisor.status();
        boolean started = status.running() || status.draining();
        response.status(status.migrated() && started && status.problem() == null)
                .withData("migrated", status.migrated())
                .withData("apiServing", true)
                .withData("engineEnabled", config.enabled())
                .withData("engineStarted", started);
        if (status.problem() != null) {
            response.withData("problem", status.problem());
        }
        return response.build();
    }
}
