package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One worker of a queue: takes a claimed job from the fetcher's hand-off and runs it. */
final class Worker implements EngineLoop.Step {

    private final BlockingQueue<ClaimedJob> handoff;
    private final Semaphore freeSlots;
    private final Runnable slotFreed;
    private final AttemptRunner runner;
    private final JobStore store;
    private final BooleanSupplier draining;
    private final Duration wait;

    Worker(BlockingQueue<ClaimedJob> handoff, Semaphore freeSlots, Runnable slotFreed, AttemptRunner runner,
            JobStore store, BooleanSupplier draining, Duration wait) {
        this.handoff = handoff;
        this.freeSlots = freeSlots;
        this.slotFreed = slotFreed;
        this.runner = runner;
        this.store = store;
        this.draining = draining;
        this.wait = wait;
    }

    @Override
    public boolean runOnce() throws InterruptedException {
        ClaimedJob job = handoff.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (job == null) {
            return true; // the poll itself was the wait
        }
        try {
            if (draining.getAsBoolean()) {
                store.release(job.id(), job.leaseToken());
            } else {
                runner.run(job);
            }
        } finally {
            freeSlots.release();
            slotFreed.run();
        }
        return true;
    }
}
