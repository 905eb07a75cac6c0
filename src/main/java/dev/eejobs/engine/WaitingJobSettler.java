package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import java.time.Clock;

/**
 * The safety net behind continuations and batches: the outcome write that finishes a parent or a
 * batch's last job settles what waited on it in its own transaction, and this housekeeping pass
 * settles whatever that missed — a node that died between a job's outcome and the settling (on no
 * store today, but cheap to be sure of), a child whose parent was deleted, the grandchildren of a
 * cancelled chain (one generation per pass) — so no job stays WAITING for ever.
 */
final class WaitingJobSettler implements EngineLoop.Step {

    static final int BATCH = 500;

    private final JobStore store;
    private final Clock clock;

    WaitingJobSettler(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return whether a full batch was settled, so more may be waiting */
    @Override
    public boolean runOnce() {
        return store.settleWaiting(clock.instant(), BATCH) == BATCH;
    }
}
