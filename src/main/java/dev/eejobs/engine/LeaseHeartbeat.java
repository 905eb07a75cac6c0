package dev.eejobs.engine;

import dev.eejobs.api.StopReason;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import dev.eejobs.store.Renewals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Renews the leases of this node's running jobs, and of those waiting in a hand-off, from its own
 * thread, so a job that keeps its thread busy still heartbeats; the database times each renewed
 * lease by its own clock. The first renewal after an attempt started — at the next pass, a tenth
 * of a second later — also records the start, which is what makes the attempt count. A renewal
 * refused by fencing stops a running job (interrupt; outcome discarded) and keeps a waiting one
 * from starting. Each renewal is remembered by the time it was sent, by this node's monotonic
 * clock: the {@link LeaseWatch} stops attempts whose renewals stayed away too long. Each renewal
 * also writes what the job reported since the last one (progress, log lines), and its answer
 * names the jobs an operator asked to cancel, which are stopped ({@link CancelRequests}).
 */
final class LeaseHeartbeat implements EngineLoop.Step {

    private static final Logger LOG = Logger.getLogger(LeaseHeartbeat.class.getName());

    private final JobStore store;
    private final InFlightJobs inFlight;
    private final WaitingJobs waiting;
    private final HandBacks handBacks;
    private final JobEvents events;
    private final Ticker ticker;
    private final CancelRequests cancels;

    LeaseHeartbeat(JobStore store, InFlightJobs inFlight, WaitingJobs waiting, HandBacks handBacks,
            JobEvents events, Ticker ticker) {
        this(store, inFlight, waiting, handBacks, events, ticker, new CancelRequests(inFlight, waiting, ticker));
    }

    LeaseHeartbeat(JobStore store, InFlightJobs inFlight, WaitingJobs waiting, HandBacks handBacks,
            JobEvents events, Ticker ticker, CancelRequests cancels) {
        this.cancels = cancels;
        this.store = store;
        this.inFlight = inFlight;
        this.waiting = waiting;
        this.handBacks = handBacks;
        this.events = events;
        this.ticker = ticker;
    }

    /** Renews every due lease of this node in one statement. */
    @Override
    public boolean runOnce() {
        handBacks.retry();
        long sent = ticker.nanos();
        List<JobExecution> due = inFlight.snapshot().stream()
                .filter(e -> !e.isFinished() && e.stop() != StopReason.LEASE_LOST
                        && (!e.startRecorded() || e.lease().heartbeatDue(sent)))
                .toList();
        List<WaitingJobs.Waiting> dueWaiting = waiting.dueForHeartbeat(sent);
        if (due.isEmpty() && dueWaiting.isEmpty()) {
            return false;
        }
        List<Lease> renewals = new ArrayList<>(due.size() + dueWaiting.size());
        due.forEach(e -> renewals.add(Lease.renewal(e.job(), true, e.reports().take())));
        dueWaiting.forEach(w -> renewals.add(Lease.renewal(w.job(), false)));
        Renewals answer;
        try {
            answer = store.renew(renewals);
        } catch (RuntimeException e) {
            for (int i = 0; i < due.size(); i++) {
                due.get(i).reports().giveBack(renewals.get(i).progress()); // written with a later renewal
            }
            throw e;
        }
        Set<Long> renewed = answer.renewed();
        answer.cancelRequested().forEach(cancels::requested);
        for (WaitingJobs.Waiting w : dueWaiting) {
            if (renewed.contains(w.job().id())) {
                w.lease().renewed(sent);
            } else {
                w.lost();
                events.fencedWrite(w.job().type(), w.job().queue());
            }
        }
        for (JobExecution execution : due) {
            ClaimedJob job = execution.job();
            if (renewed.contains(job.id())) {
                execution.renewed(sent);
            } else if (!execution.isFinished() && execution.stopForLease(ticker.nanos())) {
                events.fencedWrite(job.type(), job.queue());
                events.stoppedForLease(job.type(), job.queue());
                LOG.warning(() -> "job " + job.id() + " lost its lease (token " + job.leaseToken()
                        + " no longer current); interrupting it, its outcome will be discarded");
            }
        }
        return false;
    }
}
