package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Starting a job at its enqueue, on the enqueuing node, for one queue: when one of the queue's
 * workers here is idle and its fetcher's last claim left no due job behind, a job enqueued one by
 * one (outside a transaction, due now) is stored already claimed by this node and handed straight
 * to the idle worker. It needs no claim statement — the insert writes the lease — no wake-up of
 * the fetcher and no announcement to other nodes, which is most of what one-by-one enqueue cost
 * beside the insert itself. It never overtakes a backlog: after a claim that got all it asked for,
 * one of its jobs due more than {@link JobFetcher#BACKLOG_AGE} before it (or after no claim was made
 * for want of slots), jobs are stored QUEUED and claimed in order. A job stored
 * QUEUED a moment ago (in a transaction, or on another node), that this node's fetcher is
 * claiming or about to claim, may start at the same time as one started here — such a claim
 * leaves half the idle workers to starts at enqueue ({@link JobFetcher}): jobs enqueued at about
 * the same moment by different callers have no order between them (nor, across nodes, ids in
 * order: each node's ids come from blocks of its own). With every local worker busy the job is
 * stored QUEUED and claimed by whichever node has room.
 */
final class LocalStart {

    private final BlockingDeque<ClaimedJob> handoff;
    private final Semaphore freeSlots;
    private final Prefetch prefetch;
    private final JobFetcher fetcher;
    private final WaitingJobs waiting;
    private final JobStore store;
    private final BooleanSupplier draining;
    private final Ticker ticker;
    private final String owner;

    LocalStart(BlockingDeque<ClaimedJob> handoff, Semaphore freeSlots, Prefetch prefetch, JobFetcher fetcher,
            WaitingJobs waiting, JobStore store, BooleanSupplier draining, Ticker ticker, String owner) {
        this.handoff = handoff;
        this.freeSlots = freeSlots;
        this.prefetch = prefetch;
        this.fetcher = fetcher;
        this.waiting = waiting;
        this.store = store;
        this.draining = draining;
        this.ticker = ticker;
        this.owner = owner;
    }

    /** @return this node's name, as the leases it takes are signed */
    String owner() {
        return owner;
    }

    /**
     * Takes an idle worker's slot if no backlog is known (see the class comment).
     *
     * @return whether a slot was taken: then exactly one of {@link #handOff} and {@link #giveBack} follows
     */
    boolean reserve() {
        if (draining.getAsBoolean() || fetcher.backlog()) {
            return false;
        }
        // free slots beyond the prefetch's are workers neither running a job nor due to take one
        // that waits in the hand-off; the job joins the hand-off's end, behind those claimed earlier
        return freeSlots.availablePermits() > prefetch.cap() && freeSlots.tryAcquire();
    }

    /** @return the monotonic time to note just before the insert, from which the lease is budgeted */
    long now() {
        return ticker.nanos();
    }

    /** The job was stored RUNNING for this node: its idle worker takes it. */
    void handOff(ClaimedJob job, long insertSentNanos) {
        waiting.claimed(List.of(job), insertSentNanos);
        handoff.add(job);
        if (draining.getAsBoolean() && handoff.remove(job)) { // the drain may have emptied the hand-off already
            waiting.take(job.id());
            freeSlots.release();
            store.release(job.id(), job.leaseToken());
        }
    }

    /** The job was not stored RUNNING (its queue is paused, or the insert failed): the slot is free again. */
    void giveBack() {
        freeSlots.release();
    }
}
