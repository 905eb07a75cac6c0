package dev.eejobs.observability;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Reads the job counts once at startup, after the migrations. The health and metrics endpoints
 * call the checks on the server's own threads, which carry no application context: there the
 * container's persistence context can only be used once a call from inside the application has
 * resolved it, and before that every probe fails with a naming error.
 */
@Singleton
@Startup
@DependsOn("JobSupervisor")
public class ProbeWarmUp {

    @Inject
    QueueCounts counts;

    @PostConstruct
    void readOnce() {
        counts.current();
    }
}
