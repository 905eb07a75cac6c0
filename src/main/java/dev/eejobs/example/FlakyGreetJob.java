package dev.eejobs.example;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/** Fails its first two attempts, so the log shows the retries and their backoff. */
@ApplicationScoped
@BackgroundJob(name = "flaky-greet", maxRetries = 3, backoff = "exponential(2)", httpEnqueue = true)
public class FlakyGreetJob implements Job<Greeting> {

    private static final Logger LOG = Logger.getLogger(FlakyGreetJob.class.getName());

    @Override
    public void run(Greeting greeting, JobContext context) {
        if (context.attempt() < 3) {
            throw new IllegalStateException("demo failure on attempt " + context.attempt() + " of job " + context.jobId());
        }
        LOG.info(() -> "Hello at last, " + greeting.name() + "! (job " + context.jobId() + ", attempt "
                + context.attempt() + ")");
    }
}
