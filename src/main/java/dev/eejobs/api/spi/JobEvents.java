package dev.eejobs.api.spi;

import java.time.Duration;

/**
 * What the engine reports as it works: the one seam health checks and metrics adapt. Implement
 * it as a CDI bean and the engine calls it; every method has a no-op default. Calls come from
 * engine threads and must return quickly.
 */
public interface JobEvents {

    /** Jobs were stored (reported after the enqueue call, inside or outside a transaction). */
    default void enqueued(String type, String queue, int count) {}

    /**
     * An enqueue stored nothing because an active job of the type already held its unique key
     * (reported after the enqueue call, inside or outside a transaction).
     */
    default void deduplicated(String type, String queue) {}

    /**
     * A job enqueued one by one was stored already claimed by the enqueuing node, whose idle worker
     * starts it without a claim (PostgreSQL; follows {@link #enqueued}).
     */
    default void startedAtEnqueue(String type, String queue) {}

    /** An attempt started; {@code pickupLatency} is the time from the job's due time to its start. */
    default void started(String type, String queue, Duration pickupLatency) {}

    /** An attempt returned normally. */
    default void succeeded(String type, String queue, Duration runTime) {}

    /** An attempt failed; {@code willRetry} is false when the job is now DEAD. */
    default void failed(String type, String queue, Duration runTime, boolean willRetry) {}

    /** A reaper took back an expired lease; {@code willRetry} is false when the job is now DEAD. */
    default void leaseExpired(String type, String queue, boolean willRetry) {}

    /** A write was refused because its lease token was no longer current. */
    default void fencedWrite(String type, String queue) {}

    /**
     * A running attempt was stopped because this node no longer holds its lease for sure (renewals
     * failed for too long, or one was refused): interrupted, its outcome discarded, handed back.
     */
    default void stoppedForLease(String type, String queue) {}

    /**
     * An attempt stopped for its lease, its timeout or a cancel request was still running a
     * margin later: the job ignores interruption (after a lost lease it may now run on two nodes
     * at once).
     */
    default void stopIgnored(String type, String queue) {}

    /** An attempt ran past its job's timeout and was stopped; it counts as failed (also reported by {@link #failed}). */
    default void timedOut(String type, String queue) {}

    /** A job was CANCELLED at an operator's request while it was RUNNING (or claimed and waiting for a worker). */
    default void cancelledWhileRunning(String type, String queue) {}

    /** This node fired a tick of a recurring schedule (exactly one node fires each tick). */
    default void scheduleFired(String schedule) {}

    /**
     * This node took a tick of a recurring schedule and skipped it: its overlap policy is
     * {@code skip} and the job of its previous tick had not finished.
     */
    default void scheduleSkipped(String schedule) {}

    /** An engine loop died and was scheduled for restart. */
    default void loopRestarted(String loop) {}

    /** The engine started ({@code true}) or began draining ({@code false}). */
    default void engineRunning(boolean running) {}

    /** @return events that go nowhere */
    static JobEvents none() {
        return new JobEvents() {};
    }
}
