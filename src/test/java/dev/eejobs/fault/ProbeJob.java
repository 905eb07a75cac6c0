package dev.eejobs.fault;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The fault suite's job: records its start, sleeps (interruptibly: it honours a stop), records
 * its end with the outcome. A poison one throws every time.
 */
@ApplicationScoped
@BackgroundJob(name = "fault-probe", queue = "fault")
public class ProbeJob implements Job<ProbeJob.Work> {

    /**
     * @param millis how long the job runs
     * @param poison whether it throws instead
     */
    public record Work(long millis, boolean poison) {}

    @Override
    public void run(Work work, JobContext context) throws Exception {
        ProbeLog.record("start", context, "-");
        String outcome = "ok";
        try {
            if (work.poison()) {
                outcome = "poison";
                throw new IllegalStateException("poison job " + context.jobId());
            }
            Thread.sleep(work.millis());
        } catch (InterruptedException e) {
            outcome = "interrupted:" + context.stopReason();
            throw e;
        } finally {
            ProbeLog.record("end", context, outcome);
        }
    }
}
