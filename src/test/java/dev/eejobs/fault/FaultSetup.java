package dev.eejobs.fault;

import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;

/** Every node declares the suite's recurring schedule at its start, as an application would. */
@ApplicationScoped
public class FaultSetup {

    static final String SCHEDULE = "fault-tick";
    static final Duration EVERY = Duration.ofSeconds(2);

    @Inject
    JobQueue jobs;

    void start(@Observes Startup startup) {
        jobs.every(SCHEDULE, EVERY, TickJob.class, new TickJob.Tick(SCHEDULE));
    }
}
