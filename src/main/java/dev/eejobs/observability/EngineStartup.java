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
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-startup");
        if (!api.serving()) {
            // asked before the web module finished starting: its beans may not answer yet either
            return response.down().withData("apiServing", false).build();
        }
        EngineStatus status;
        try {
            status = supervisor.status();
        } catch (RuntimeException e) {
            // the supervisor is still in its @PostConstruct (migrating): the EJB container refuses calls
            return response.down().withData("apiServing", true).withData("engineStarted", false).build();
        }
        boolean started = !config.enabled() || status.running() || status.draining();
        return response.status(status.migrated() && started)
                .withData("migrated", status.migrated())
                .withData("apiServing", true)
                .withData("engineEnabled", config.enabled())
                .withData("engineStarted", started)
                .build();
    }
}
