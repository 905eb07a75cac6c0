package dev.eejobs.example;

import dev.eejobs.api.JobQueue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * At startup: stores a recurring greeting every 30 s and enqueues one flaky job. It depends on
 * the supervisor so the schema migrations have run before it enqueues.
 */
@Singleton
@Startup
@DependsOn("JobSupervisor")
public class DemoSetup {

    private static final Logger LOG = Logger.getLogger(DemoSetup.class.getName());

    @Inject
    JobQueue jobs;

    @PostConstruct
    void start() {
        jobs.every("demo-greeting", Duration.ofSeconds(30), GreetJob.class, new Greeting("schedule"));
        var id = jobs.enqueue(FlakyGreetJob.class, new Greeting("flaky demo"));
        LOG.info(() -> "eejobs demo: schedule 'demo-greeting' fires every 30s; flaky job " + id
                + " fails twice, then succeeds (retries after 2s and 4s)");
    }
}
