package dev.eejobs.example;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/** Logs a greeting. */
@ApplicationScoped
@BackgroundJob(name = "greet", httpEnqueue = true)
public class GreetJob implements Job<Greeting> {

    private static final Logger LOG = Logger.getLogger(GreetJob.class.getName());

    @Override
    public void run(Greeting greeting, JobContext context) {
        LOG.info(() -> "Hello, " + greeting.name() + "! (job " + context.jobId() + ", attempt " + context.attempt() + ")");
    }
}
