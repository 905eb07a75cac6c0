package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * A queue's fetcher: claims as many due jobs as the queue has free slots — idle workers plus room
 * in the bounded hand-off, so busy workers find their next job waiting — in one claim, and
 * hands them over. Only types this node registered are claimed, so nodes running different
 * versions can share a database.
 */
final class JobFetcher implements EngineLoop.Step {

    private final String queue;
    private final JobStore store;
    private final JobTypes types;
    private final BlockingQueue<ClaimedJob> handoff;
    private final Semaphore freeSlots;
    private final String owner;
    private final Clock clock;
    private final BooleanSupplier draining;

    JobFetcher(String queue, JobStore store, JobTypes types, BlockingQueue<ClaimedJob> handoff,
            Semaphore freeSlots, String owner, Clock clock, BooleanSupplier draining) {
        this.queue = queue;
        this.store = store;
        this.types = types;
        this.handoff = handoff;
        this.freeSlots = freeSlots;
        this.owner = owner;
        this.clock = clock;
        this.draining = draining;
    }

    /** @return whether every free slot got a job, so more may be due right away */
    @Override
    public boolean runOnce() {
        if (draining.getAsBoolean()) {
            return false;
        }
        int free = freeSlots.drainPermits();
        if (free == 0) {
            return false;
        }
        List<ClaimedJob> claimed = List.of();
        try {
            claimed = store.claim(queue, types.names(), free, owner, clock.instant());
            handoff.addAll(claimed);
        } finally {
            freeSlots.release(free - claimed.size());
        }
        return claimed.size() == free;
    }
}
