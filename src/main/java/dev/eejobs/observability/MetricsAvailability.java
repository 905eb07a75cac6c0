package dev.eejobs.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.util.logging.Logger;

/**
 * Says at startup whether the module's metrics are on. {@link JobMetrics} needs MicroProfile
 * Metrics; on a server without it (WildFly ships Micrometer instead) CDI skips that bean and the
 * module runs without metrics. This class names no Metrics type, so it loads everywhere.
 */
@ApplicationScoped
class MetricsAvailability {

    private static final Logger LOG = Logger.getLogger(MetricsAvailability.class.getName());

    void report(@Observes Startup startup) {
        if (!available()) {
            LOG.info("eejobs: this server offers no MicroProfile Metrics, so the module's metrics are off;"
                    + " health checks and everything else work as usual");
        }
    }

    static boolean available() {
        try {
            Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false,
                    MetricsAvailability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
