package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import dev.eejobs.store.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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

    /** Renews every due lease of this node in one statement. */
    @Override
    public boolean runOnce() {
        Instant now = clock.instant();
        List<JobExecution> due = inFlight.snapshot().stream()
                .filter(e -> !e.isFinished() && e.stopReason() != JobExecution.Stop.LEASE_LOST
                        && !now.isBefore(e.nextHeartbeat()))
                .toList();
        if (due.isEmpty()) {
            return false;
        }
        Set<Long> renewed = store.heartbeat(due.stream().map(e -> Lease.renewal(e.job(), now)).toList(), now);
        for (JobExecution execution : due) {
            ClaimedJob job = execution.job();
            if (renewed.contains(job.id())) {
                execution.heartbeatSent(now);
            } else if (!execution.isFinished()) {
                execution.leaseLost();
                events.fencedWrite(job.type(), job.queue());
                LOG.warning(() -> "job " + job.id() + " lost its lease (token " + job.leaseToken()
                        + " no longer current); asking it to stop");
            }
        }
        return false;
    }
}
