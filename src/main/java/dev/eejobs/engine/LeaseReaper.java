package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Takes back RUNNING jobs whose lease expired (no heartbeat for 5 intervals: the node died or
 * hung). The lost attempt counts as a failure, so a job that kills its JVM cannot loop forever.
 */
final class LeaseReaper implements EngineLoop.Step {

    static final int BATCH = 100;
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
        Instant now = clock.instant();
        List<ClaimedJob> expired = store.expiredLeases(now, BATCH);
        for (ClaimedJob job : expired) {
            Instant next = RetryPolicy.nextRunAt(job, now, ThreadLocalRandom.current().nextDouble());
            String error = "lease expired: no heartbeat within " + ClaimedJob.LEASE_INTERVALS + " x "
                    + job.heartbeat().toMillis() + " ms (attempt " + job.attempts() + ")";
            if (store.fail(job.id(), job.leaseToken(), next, error, now, now)) {
                events.leaseExpired(job.type(), job.queue(), next != null);
                LOG.warning(() -> "job " + job.id() + " (" + job.type() + "): " + error
                        + (next == null ? "; it is now DEAD" : "; retry at " + next));
            }
        }
        return expired.size() == BATCH;
    }
}
