package dev.eejobs.fault;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A job of the probe's queue that the HTTP API may enqueue, for the job-control cluster tests:
 * records its start and end in the node's probe log like {@link ProbeJob}, and sleeps.
 */
@ApplicationScoped
@BackgroundJob(name = "fault-control", queue = "fault", httpEnqueue = true)
public class ControlJob implements Job<ControlJob.Nap> {

    /** @param millis how long the job runs */
    public record Nap(long millis) {}

    @Override
    public void run(Nap nap, JobContext context) throws Exception {
        ProbeLog.record("start", context, "-");
        try {
            Thread.sleep(nap.millis());
        } finally {
            ProbeLog.record("end", context, "ok");
        }
    }
}
