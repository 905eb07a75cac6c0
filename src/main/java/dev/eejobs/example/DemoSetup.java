package dev.eejobs.example;

import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * At startup: stores a recurring greeting every 30 s and enqueues one flaky job. Any startup hook
 * will do: the first use of {@link JobQueue} brings the schema up to date if the engine has not yet.
 */
@ApplicationScoped
public class DemoSetup {

    private static final Logger LOG = Logger.getLogger(DemoSetup.class.getName());

    @Inject
    JobQueue jobs;

    void start(@Observes Startup startup) {
        // kept until the database is back if the server starts before it (JobQueue#every)
        jobs.every("demo-greeting", Duration.ofSeconds(30), GreetJob.class, new Greeting("schedule"));
        try {
            var id = jobs.enqueue(FlakyGreetJob.class, new Greeting("flaky demo"));
            LOG.info(() -> "eejobs demo: schedule 'demo-greeting' fires every 30s; flaky job " + id
                    + " fails twice, then succeeds (retries after 2s and 4s)");
        } catch (RuntimeException e) { // the database is down while the server starts: the demo comes up all the same
            LOG.warning(() -> "eejobs demo: the flaky job was not enqueued at startup: " + e);
        }
    }
}
