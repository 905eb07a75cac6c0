package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * A queue's fetcher: claims as many due jobs as the queue has free slots — idle workers plus room
 * in the hand-off as {@link Prefetch} sizes it, so busy workers find their next job waiting — in
 * one claim, and hands them over. While jobs still wait in the hand-off it lets free slots add up
 * to half the prefetch before claiming: a busy queue claims in batches instead of one statement
 * per finished job, and a worker that runs dry is served without waiting for slots to add up.
 * While jobs trickle in (a claim finds some, but fewer than it wants) claims are spaced by
 * {@link BatchPacing}, so one claim serves all the enqueues of a millisecond instead of one each.
 * While no backlog is known, a claim leaves half the idle workers to {@link LocalStart}, if the
 * store can start jobs at enqueue. A claim that got every job it asked for, all of them due within
 * the last {@link #BACKLOG_AGE}, found no backlog either: those jobs were enqueued while the last
 * claim ran (several callers, each stored QUEUED for want of an idle worker at that instant), and
 * any left behind are as young. Counting them as a backlog could keep a node with several callers
 * claiming every job, one full claim after another, each holding every slot while it ran so that
 * the next enqueues found none free either: in the benchmark's rounds that fell into it, half the
 * jobs claimed and three times PostgreSQL's CPU per job.
 * When run times grow, jobs waiting beyond the shrunk prefetch are handed back. Only types this
 * node registered are claimed, so nodes running different versions can share a database.
 */
final class JobFetcher implements EngineLoop.Step {

    private final String queue;
    private final JobStore store;
    private final JobTypes types;
    private final BlockingDeque<ClaimedJob> handoff;
    private final Semaphore freeSlots;
    private final String owner;
    private final Clock clock;
    private final BooleanSupplier draining;
    private final Prefetch prefetch;
    private final WaitingJobs waiting;
    private final Ticker ticker;
    private final BatchPacing pacing;
    /** Whether enqueues may start their jobs on this node's idle workers ({@link JobStore#startsAtEnqueue}). */
    private final boolean startsAtEnqueue;
    /**
     * Whether due jobs may be waiting in the database that this fetcher did not claim: false only
     * after a claim got fewer jobs than it asked for (the queue was empty of due jobs at that
     * moment), true again when a claim got all it asked for, failed, or was skipped for want of
     * free slots. A claim in flight leaves it as it was. New jobs wake the fetcher themselves;
     * while this is false a worker freeing its slot need not wake it.
     */
    private volatile boolean mayHaveMore = true;
    /**
     * Whether jobs may be waiting in the database that a job started at its enqueue would overtake;
     * while this is false {@link LocalStart} may start one. As {@link #mayHaveMore}, except after a
     * claim that got all it asked for but only jobs due within the last {@link #BACKLOG_AGE} (see
     * the class comment).
     */
    private volatile boolean backlog = true;

    /** How long a claimed job may have been due and still count as just enqueued, not as a backlog. */
    static final Duration BACKLOG_AGE = Duration.ofMillis(100);

    JobFetcher(String queue, JobStore store, JobTypes types, BlockingDeque<ClaimedJob> handoff,
            Semaphore freeSlots, Prefetch prefetch, WaitingJobs waiting, String owner, Clock clock,
            BooleanSupplier draining, Ticker ticker) {
        this(queue, store, types, handoff, freeSlots, prefetch, waiting, owner, clock, draining, ticker,
                BatchPacing.NONE);
    }

    JobFetcher(String queue, JobStore store, JobTypes types, BlockingDeque<ClaimedJob> handoff,
            Semaphore freeSlots, Prefetch prefetch, WaitingJobs waiting, String owner, Clock clock,
            BooleanSupplier draining, Ticker ticker, BatchPacing pacing) {
        this.queue = queue;
        this.store = store;
        this.types = types;
        this.handoff = handoff;
        this.freeSlots = freeSlots;
        this.owner = owner;
        this.clock = clock;
        this.draining = draining;
        this.prefetch = prefetch;
        this.waiting = waiting;
        this.ticker = ticker;
        this.pacing = pacing;
        this.startsAtEnqueue = store.startsAtEnqueue();
    }

    /** @return whether every free slot got a job, so more may be due right away */
    @Override
    public boolean runOnce() {
        if (draining.getAsBoolean()) {
            return false;
        }
        int allowed = prefetch.current();
        handBackExcess(allowed);
        int heldBack = prefetch.cap() - allowed; // slots the cap has but the current prefetch does not use
        int available = freeSlots.availablePermits() - heldBack;
        if (available <= 0 || (available < Math.max(1, allowed / 2) && !handoff.isEmpty())) {
            mayHaveMore = true; // not looked: woken again as workers free slots
            backlog = true;
            return false;
        }
        pacing.awaitTurn();
        int free = freeSlots.drainPermits();
        int idle = free - prefetch.cap(); // workers with neither a job nor one waiting for them
        boolean trickle = startsAtEnqueue && !backlog && idle >= 2;
        // no backlog known: the jobs this claim is for were stored QUEUED a moment ago, one by one;
        // it leaves half the idle workers free (and no prefetch) so that enqueues arriving while it
        // runs can still start at their enqueue, instead of each finding every slot held by the
        // claim, storing its job QUEUED and waking the next claim. Got all it asked for, it has
        // found a backlog: the next claim, at once, takes every slot.
        int held = trickle ? idle - idle / 2 : free;
        freeSlots.release(free - held);
        int wanted = trickle ? held : held - heldBack;
        List<ClaimedJob> claimed = List.of();
        Instant now;
        try {
            if (wanted <= 0) {
                mayHaveMore = true;
                backlog = true;
                return false;
            }
            now = clock.instant();
            long sent = ticker.nanos(); // the lease runs from the database's time of the claim, which is later
            claimed = store.claim(queue, types.names(), wanted, owner, now);
            waiting.claimed(claimed, sent);
            handoff.addAll(claimed);
        } catch (RuntimeException e) {
            mayHaveMore = true;
            backlog = true;
            throw e;
        } finally {
            freeSlots.release(held - claimed.size());
        }
        // paced only while jobs flow: a claim that found none means the queue is idle, and the next
        // job enqueued is claimed at once
        pacing.ended(claimed.size() == wanted || claimed.isEmpty());
        mayHaveMore = claimed.size() == wanted;
        backlog = mayHaveMore && anyDueBefore(claimed, now.minus(BACKLOG_AGE));
        return mayHaveMore;
    }

    private static boolean anyDueBefore(List<ClaimedJob> claimed, Instant limit) {
        for (ClaimedJob job : claimed) {
            if (job.runAt().isBefore(limit)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether due jobs may wait in the database unclaimed (see {@link #mayHaveMore}) */
    boolean mayHaveMore() {
        return mayHaveMore;
    }

    /** @return whether a job started at its enqueue might overtake jobs waiting in the database (see {@link #backlog}) */
    boolean backlog() {
        return backlog;
    }

    /**
     * When run times grew (the prefetch shrank below what already waits — say short jobs were
     * followed by long ones), hands the newest waiting jobs back, uncounted, so idle workers of
     * other nodes can start them instead of this node sitting on them. Jobs waiting for workers
     * that are idle (about to take them) are kept.
     */
    private void handBackExcess(int allowed) {
        int waitingJobs = handoff.size();
        int occupied = prefetch.workers() + prefetch.cap() - freeSlots.availablePermits(); // running or waiting
        int idleWorkers = Math.max(0, prefetch.workers() - (occupied - waitingJobs));
        for (int excess = waitingJobs - idleWorkers - allowed; excess > 0; excess--) {
            ClaimedJob job = handoff.pollLast();
            if (job == null) {
                return;
            }
            waiting.take(job.id());
            try {
                store.release(job.id(), job.leaseToken());
            } finally {
                freeSlots.release();
            }
        }
    }
}
