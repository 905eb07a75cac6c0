package dev.eejobs.observability;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.JobSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * UP once the schema migrations are applied, the supervisor has started the engine (or it is
 * disabled) and the HTTP API answers.
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
        EngineStatus status = supervisor.status();
        boolean started = !config.enabled() || status.running() || status.draining();
        return HealthCheckResponse.named("eejobs-startup")
                .status(status.migrated() && started && api.serving())
                .withData("migrated", status.migrated())
                .withData("apiServing", api.serving())
                .withData("engineEnabled", config.enabled())
                .withData("engineStarted", started)
                .build();
    }
}
