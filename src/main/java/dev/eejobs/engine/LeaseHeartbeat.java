package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Renews the leases of this node's running jobs from its own thread, so a job that keeps its
 * thread busy still heartbeats. A renewal refused by fencing tells the job to stop.
 */
final class LeaseHeartbeat implements EngineLoop.Step {

    private static final Logger LOG = Logger.getLogger(LeaseHeartbeat.class.getName());

    private final JobStore store;
    private final InFlightJobs inFlight;
    private final JobEvents events;
    private final Clock clock;

    LeaseHeartbeat(JobStore store, InFlightJobs inFlight, JobEvents events, Clock clock) {
        this.store = store;
        this.inFlight = inFlight;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean runOnce() {
        for (JobExecution execution : inFlight.snapshot()) {
            Instant now = clock.instant();
            if (execution.isFinished() || execution.stopReason() == JobExecution.Stop.LEASE_LOST
                    || now.isBefore(execution.nextHeartbeat())) {
                continue;
            }
            ClaimedJob job = execution.job();
            if (store.heartbeat(job.id(), job.leaseToken(), now, job.leaseExpiry(now))) {
                execution.heartbeatSent(now);
            } else {
                execution.leaseLost();
                events.fencedWrite(job.type(), job.queue());
                LOG.warning(() -> "job " + job.id() + " lost its lease (token " + job.leaseToken()
                        + " no longer current); asking it to stop");
            }
        }
        return false;
    }
}
