package dev.eejobs.engine;

import dev.eejobs.api.AttemptOutcome;
import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import dev.eejobs.store.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Takes back RUNNING jobs whose lease expired by the database's clock: no renewal for {@link
 * ClaimedJob#LEASE_INTERVALS} heartbeat intervals, so the node died, hung or lost the database —
 * and in the last two cases it stopped the attempt by its own clock a margin earlier. An attempt
 * whose start was recorded counts as a failure, so a job that kills its JVM cannot loop forever.
 * One that never started (claimed or waiting in a hand-off when its node died) goes back at once
 * without losing an attempt — at most {@link #UNSTARTED_EXPIRIES_FREE} times per job; after that
 * those expiries count too, which bounds a job that kills its JVM before its start is recorded.
 * A job an operator asked to cancel ends CANCELLED instead, never retried. A counted attempt is
 * kept in the job's history as LEASE_EXPIRED.
 */
final class LeaseReaper implements EngineLoop.Step {

    static final int BATCH = 100;
    /** Expiries before a recorded start that cost a job no attempt. */
    static final int UNSTARTED_EXPIRIES_FREE = 3;
    private static final Logger LOG = Logger.getLogger(LeaseReaper.class.getName());

    private final JobStore store;
    private final JobEvents events;
    private final Clock clock;

    LeaseReaper(JobStore store, JobEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** @return whether a full batch was found, so more may be waiting */
    @Override
    public boolean runOnce() {
        List<ExpiredLease> expired = store.expiredLeases(BATCH);
        for (ExpiredLease lease : expired) {
            ClaimedJob job = lease.job();
            String why = "lease expired: no heartbeat within " + ClaimedJob.LEASE_INTERVALS + " x "
                    + job.heartbeat().toMillis() + " ms";
            if (lease.cancelRequested()) {
                cancel(lease, why);
                continue;
            }
            if (!lease.started() && lease.unstartedExpiries() < UNSTARTED_EXPIRIES_FREE) {
                if (store.expireUnstarted(job.id(), job.leaseToken(), why + " before the attempt started")) {
                    events.leaseExpired(job.type(), job.queue(), true);
                    LOG.info(() -> "job " + job.id() + " (" + job.type() + "): " + why
                            + " before its attempt started; queued again, no attempt lost");
                }
                continue;
            }
            Instant now = clock.instant();
            Instant next = RetryPolicy.nextRunAt(job, now, ThreadLocalRandom.current().nextDouble());
            String error = why + " (attempt " + job.attempts() + ")";
            if (store.expire(end(lease, error, now), next, error, now)) {
                events.leaseExpired(job.type(), job.queue(), next != null);
                LOG.warning(() -> "job " + job.id() + " (" + job.type() + "): " + error
                        + (next == null ? "; it is now DEAD" : "; retry at " + next));
            }
        }
        return expired.size() == BATCH;
    }

    /** A job with a cancel request whose node died: CANCELLED, as its node would have written it. */
    private void cancel(ExpiredLease lease, String why) {
        ClaimedJob job = lease.job();
        Instant now = clock.instant();
        String error = why + " after a cancel was requested";
        if (store.expireCancelled(end(lease, error, now), error, now)) {
            events.cancelledWhileRunning(job.type(), job.queue());
            LOG.info(() -> "job " + job.id() + " (" + job.type() + "): " + error + "; it is now CANCELLED");
        }
    }

    /** @return the write of an expired lease, with a history row if its attempt had started */
    private static AttemptEnd end(ExpiredLease lease, String error, Instant now) {
        ClaimedJob job = lease.job();
        JobAttempt attempt = !lease.started() ? null : new JobAttempt(job.attempts(), lease.owner(), lease.startedAt(),
                now, AttemptOutcome.LEASE_EXPIRED, error, null,
                lease.startedAt() == null || lease.startedAt().isAfter(now) ? null
                        : Duration.between(lease.startedAt(), now));
        return new AttemptEnd(Lease.of(job), attempt, Progress.NONE);
    }
}
