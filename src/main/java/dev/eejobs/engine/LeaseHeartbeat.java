package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Renews the leases of this node's running jobs, and of those waiting in a hand-off, from its own
 * thread, so a job that keeps its thread busy still heartbeats. A renewal refused by fencing tells
 * a running job to stop and keeps a waiting one from starting.
 */
final class LeaseHeartbeat implements EngineLoop.Step {

    private static final Logger LOG = Logger.getLogger(LeaseHeartbeat.class.getName());

    private final JobStore store;
    private final InFlightJobs inFlight;
    private final WaitingJobs waiting;
    private final JobEvents events;
    private final Clock clock;

    LeaseHeartbeat(JobStore store, InFlightJobs inFlight, WaitingJobs waiting, JobEvents events, Clock clock) {
        this.store = store;
        this.inFlight = inFlight;
        this.waiting = waiting;
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
        List<WaitingJobs.Waiting> dueWaiting = waiting.dueForHeartbeat(now);
        if (due.isEmpty() && dueWaiting.isEmpty()) {
            return false;
        }
        List<Lease> renewals = new ArrayList<>(due.size() + dueWaiting.size());
        due.forEach(e -> renewals.add(Lease.renewal(e.job(), now)));
        dueWaiting.forEach(w -> renewals.add(Lease.renewal(w.job(), now)));
        Set<Long> renewed = store.heartbeat(renewals, now);
        for (WaitingJobs.Waiting w : dueWaiting) {
            if (renewed.contains(w.job().id())) {
                w.renewed(now);
            } else {
                w.lost();
                events.fencedWrite(w.job().type(), w.job().queue());
            }
        }
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
