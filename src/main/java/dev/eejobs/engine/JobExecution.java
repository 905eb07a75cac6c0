package dev.eejobs.engine;

import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobId;
import dev.eejobs.store.ClaimedJob;
import java.time.Instant;

/** One attempt in flight on this node: what the heartbeat renews and what shutdown interrupts. */
final class JobExecution implements JobContext {

    enum Stop { NONE, LEASE_LOST, SHUTDOWN }

    private final ClaimedJob job;
    private final Thread thread;
    private volatile Instant nextHeartbeat;
    private volatile Stop stop = Stop.NONE;
    private volatile boolean finished;

    JobExecution(ClaimedJob job, Thread thread, Instant claimedAt) {
        this(job, thread, claimedAt, null);
    }

    /** @param heartbeatDue the next renewal, if earlier than one interval after {@code start} */
    JobExecution(ClaimedJob job, Thread thread, Instant start, Instant heartbeatDue) {
        this.job = job;
        this.thread = thread;
        Instant regular = start.plus(job.heartbeat());
        this.nextHeartbeat = heartbeatDue != null && heartbeatDue.isBefore(regular) ? heartbeatDue : regular;
    }

    ClaimedJob job() {
        return job;
    }

    Instant nextHeartbeat() {
        return nextHeartbeat;
    }

    void heartbeatSent(Instant at) {
        nextHeartbeat = at.plus(job.heartbeat());
    }

    Stop stopReason() {
        return stop;
    }

    void leaseLost() {
        stop = Stop.LEASE_LOST;
    }

    /** The job body returned or threw; only its outcome is still being written. */
    void finished() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }

    /** Asks the job to stop and interrupts its thread, unless the job is already done. */
    void interruptForShutdown() {
        stop = Stop.SHUTDOWN;
        if (!finished) {
            thread.interrupt();
        }
    }

    @Override
    public JobId jobId() {
        return new JobId(job.id());
    }

    @Override
    public int attempt() {
        return job.attempts();
    }

    @Override
    public boolean stopRequested() {
        return stop != Stop.NONE;
    }
}
