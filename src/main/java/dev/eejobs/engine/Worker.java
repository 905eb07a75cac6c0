package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One worker of a queue: takes a claimed job from the fetcher's hand-off and runs it — unless
 * its lease was lost while it waited, or could not be renewed lately, in which case another node
 * may have it (or soon take it) and it is handed back.
 */
final class Worker implements EngineLoop.Step {

    /** Told whenever the worker frees its slot. */
    @FunctionalInterface
    interface SlotFreed {
        /** @param jobSucceeded whether the job it ran succeeded, i.e. will not be back in its queue */
        void freed(boolean jobSucceeded);
    }

    private static final Logger LOG = Logger.getLogger(Worker.class.getName());

    private final BlockingQueue<ClaimedJob> handoff;
    private final Semaphore freeSlots;
    private final SlotFreed slotFreed;
    private final AttemptRunner runner;
    private final JobStore store;
    private final BooleanSupplier draining;
    private final Duration wait;
    private final WaitingJobs waiting;
    private final Prefetch prefetch;
    private final LeaseBudget budget;
    private final Ticker ticker;

    Worker(BlockingQueue<ClaimedJob> handoff, Semaphore freeSlots, SlotFreed slotFreed, AttemptRunner runner,
            JobStore store, BooleanSupplier draining, Duration wait, WaitingJobs waiting, Prefetch prefetch,
            LeaseBudget budget, Ticker ticker) {
        this.handoff = handoff;
        this.freeSlots = freeSlots;
        this.slotFreed = slotFreed;
        this.runner = runner;
        this.store = store;
        this.draining = draining;
        this.wait = wait;
        this.waiting = waiting;
        this.prefetch = prefetch;
        this.budget = budget;
        this.ticker = ticker;
    }

    @Override
    public boolean runOnce() throws InterruptedException {
        ClaimedJob job = handoff.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (job == null) {
            return true; // the poll itself was the wait
        }
        boolean succeeded = false;
        try {
            WaitingJobs.Waiting entry = waiting.take(job.id());
            if (draining.getAsBoolean()) {
                store.release(job.id(), job.leaseToken());
            } else if (entry != null && entry.isCancelRequested() && !entry.isLost()) {
                runner.cancelUnstarted(job);
            } else if (entry != null && !entry.startable(budget, ticker.nanos())) {
                LOG.warning(() -> "not starting job " + job.id() + ": its lease could not be renewed while it waited"
                        + " for a worker, so another node may hold it; it runs where its lease is");
                store.release(job.id(), job.leaseToken()); // fenced: a no-op if the lease was taken back
            } else {
                long run = prefetch.started();
                try {
                    succeeded = runner.run(job, entry == null ? ticker.nanos() : entry.lease().renewalSentNanos());
                } finally {
                    prefetch.ran(run);
                }
            }
        } finally {
            freeSlots.release();
            slotFreed.freed(succeeded);
        }
        return true;
    }
}
