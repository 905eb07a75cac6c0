package dev.eejobs.observability;

import dev.eejobs.engine.JobTypeExtension;
import dev.eejobs.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP when the job table can be read. Reports queued jobs per type, and separately those of types
 * this node does not know: they wait for a node that has them, and are never dropped.
 */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {

    @Inject
    JobStore store;

    @Inject
    JobTypeExtension registered;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eejobs-store");
        try {
            Map<String, Long> queued = store.queuedByType();
            long total = 0;
            long unknown = 0;
            for (Map.Entry<String, Long> e : queued.entrySet()) {
                total += e.getValue();
                if (!registered.isRegistered(e.getKey())) {
                    unknown += e.getValue();
                    response.withData("unknownType." + e.getKey(), e.getValue());
                }
            }
            return response.up().withData("queued", total).withData("queuedOfUnknownTypes", unknown).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
