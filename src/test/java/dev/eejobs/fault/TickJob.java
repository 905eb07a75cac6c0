package dev.eejobs.fault;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

/** What the suite's recurring schedule fires: records its run like the probe. */
@ApplicationScoped
@BackgroundJob(name = "fault-tick", queue = "fault-tick")
public class TickJob implements Job<TickJob.Tick> {

    /** @param schedule the schedule that fired it */
    public record Tick(String schedule) {}

    @Override
    public void run(Tick tick, JobContext context) {
        ProbeLog.record("start", context, "tick");
        ProbeLog.record("end", context, "ok");
    }
}
