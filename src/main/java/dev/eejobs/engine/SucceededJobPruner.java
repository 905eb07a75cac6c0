package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.time.Duration;

/** Deletes SUCCEEDED and CANCELLED jobs older than the retention window, in small batches. */
final class SucceededJobPruner implements EngineLoop.Step {

    private final JobStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batch;

    SucceededJobPruner(JobStore store, Clock clock, Duration retention, int batch) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.batch = batch;
    }

    /** @return whether a full batch was deleted, so more may be waiting */
    @Override
    public boolean runOnce() {
        return store.pruneSucceeded(clock.instant().minus(retention), batch) == batch;
    }
}
