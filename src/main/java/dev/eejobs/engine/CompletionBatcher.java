package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * Writes successful outcomes in batches: workers hand a finished job over and take the next one
 * at once, and one statement per batch marks them all SUCCEEDED. Whatever finished while the
 * previous batch was being written forms the next batch, so a busy node writes hundreds per
 * statement; while batches come out small they are spaced by {@link BatchPacing}, so jobs finishing
 * a fraction of a millisecond apart share a statement, and a lone job after a quiet spell is
 * written at once. Each job's attempt history row and last reports go in the same statement.
 * Fencing is per job, as before.
 */
final class CompletionBatcher implements EngineLoop.Step {

    static final int MAX_BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(CompletionBatcher.class.getName());

    private record Done(ClaimedJob job, Duration runTime, AttemptEnd end) {}

    /** Bounded: if the database falls behind, workers wait here instead of piling up outcomes. */
    private final LinkedBlockingQueue<Done> pending = new LinkedBlockingQueue<>(2 * MAX_BATCH);
    private final Semaphore wakeUps = new Semaphore(0);
    private final JobStore store;
    private final JobEvents events;
    private final Clock clock;
    private final boolean keepSucceeded;
    private final BatchPacing pacing;

    CompletionBatcher(JobStore store, JobEvents events, Clock clock, boolean keepSucceeded) {
        this(store, events, clock, keepSucceeded, BatchPacing.NONE);
    }

    CompletionBatcher(JobStore store, JobEvents events, Clock clock, boolean keepSucceeded, BatchPacing pacing) {
        this.pacing = pacing;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.keepSucceeded = keepSucceeded;
    }

    void submit(ClaimedJob job, Duration runTime) {
        submit(job, runTime, AttemptEnd.of(Lease.of(job)));
    }

    /** @param end the lease, the attempt's history row and the job's last reports, written with the batch */
    void submit(ClaimedJob job, Duration runTime, AttemptEnd end) {
        Done done = new Done(job, runTime, end);
        try {
            pending.put(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.add(done); // shutdown: over the bound rather than lose the outcome
        }
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    Semaphore wakeUps() {
        return wakeUps;
    }

    /** @return whether more outcomes are already waiting */
    @Override
    public boolean runOnce() {
        pacing.awaitTurn();
        List<Done> batch = new ArrayList<>();
        pending.drainTo(batch, MAX_BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        Set<Long> written;
        try {
            written = store.succeedAttempts(batch.stream().map(Done::end).toList(), clock.instant(), keepSucceeded);
        } catch (RuntimeException e) {
            pending.addAll(batch); // keep them for the next pass
            throw e;
        }
        pacing.ended(batch.size() == MAX_BATCH);
        for (Done d : batch) {
            ClaimedJob job = d.job();
            if (written.contains(job.id())) {
                events.succeeded(job.type(), job.queue(), d.runTime());
            } else {
                events.fencedWrite(job.type(), job.queue());
                LOG.warning(() -> "refused to complete job " + job.id() + ": its lease was taken back"
                        + " (lease token " + job.leaseToken() + " is no longer current)");
            }
        }
        return !pending.isEmpty();
    }

    /** Writes everything handed over so far (shutdown). */
    void flush() {
        while (runOnce()) {
            // until nothing is waiting
        }
    }
}
