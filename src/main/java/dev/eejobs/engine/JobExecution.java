package dev.eejobs.engine;

import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobId;
import dev.eejobs.api.StopReason;
import dev.eejobs.store.ClaimedJob;
import java.time.Clock;

/**
 * One attempt in flight on this node: what the heartbeat renews, what the lease watch stops by
 * this node's own clock (lease or timeout), what a cancel request or shutdown interrupts, and
 * what the job reported since the last write. Times are {@link Ticker} nanoseconds.
 */
final class JobExecution implements JobContext {

    private final HeldLease lease;
    private final Thread thread;
    private volatile boolean startRecorded;
    private volatile StopReason stop = StopReason.NONE;
    private volatile long stoppedAtNanos;
    private volatile boolean stopIgnoredReported;
    private volatile boolean finished;
    private volatile boolean cancelRequested;
    private final long startedNanos;
    private final JobReports reports;

    /**
     * @param renewalSentNanos when the claim or the latest successful renewal of the lease was sent
     * @param startedNanos when the attempt started, for its timeout
     * @param clock the time log lines are stamped with
     */
    JobExecution(ClaimedJob job, Thread thread, long renewalSentNanos, long startedNanos, Clock clock) {
        this.lease = new HeldLease(job, renewalSentNanos);
        this.thread = thread;
        this.startedNanos = startedNanos;
        this.reports = new JobReports(job.attempts(), clock);
    }

    JobReports reports() {
        return reports;
    }

    /** @return whether the attempt has a timeout and ran past it at {@code nowNanos} */
    boolean timedOut(long nowNanos) {
        long timeout = lease.job().timeoutMillis();
        return timeout > 0 && nowNanos - startedNanos >= timeout * 1_000_000;
    }

    /**
     * The attempt ran past its timeout: asks the job to stop and interrupts it; its outcome will be
     * a failed attempt. Only while nothing else stopped it.
     *
     * @return whether this call stopped it
     */
    synchronized boolean stopForTimeout(long nowNanos) {
        if (stop != StopReason.NONE) {
            return false;
        }
        return stop(StopReason.TIMEOUT, nowNanos);
    }

    /**
     * An operator asked to cancel the job: asks it to stop and interrupts it; it will end
     * CANCELLED whatever it returns. Once only; not after this node lost the lease (another node
     * may run it now, and that one cancels it).
     *
     * @return whether this call stopped it
     */
    synchronized boolean stopForCancel(long nowNanos) {
        cancelRequested = true;
        if (stop == StopReason.CANCELLED || stop == StopReason.LEASE_LOST) {
            return false;
        }
        return stop(StopReason.CANCELLED, nowNanos);
    }

    private boolean stop(StopReason reason, long nowNanos) {
        stop = reason;
        stoppedAtNanos = nowNanos;
        if (!finished) {
            thread.interrupt();
        }
        return true;
    }

    ClaimedJob job() {
        return lease.job();
    }

    HeldLease lease() {
        return lease;
    }

    /** @return whether the start of this attempt is recorded in the store yet (the first renewal does it) */
    boolean startRecorded() {
        return startRecorded;
    }

    /** A renewal sent at {@code sentNanos} succeeded; it also recorded the start. */
    void renewed(long sentNanos) {
        lease.renewed(sentNanos);
        startRecorded = true;
    }

    StopReason stop() {
        return stop;
    }

    long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    /**
     * This node no longer holds the lease for sure: asks the job to stop and interrupts it; its
     * outcome will be discarded. Once only; a shutdown stop already under way is upgraded.
     *
     * @return whether this call stopped it
     */
    synchronized boolean stopForLease(long nowNanos) {
        if (stop == StopReason.LEASE_LOST) {
            return false;
        }
        stop = StopReason.LEASE_LOST;
        stoppedAtNanos = nowNanos;
        if (!finished) {
            thread.interrupt();
        }
        return true;
    }

    /** Asks the job to stop and interrupts its thread, unless the job is already done. */
    synchronized void interruptForShutdown() {
        if (stop == StopReason.NONE) {
            stop = StopReason.SHUTDOWN;
        }
        if (!finished) {
            thread.interrupt();
        }
    }

    /** @return true the first time it is called: the job ignored its stop, to be reported once */
    boolean markStopIgnoredReported() {
        if (stopIgnoredReported) {
            return false;
        }
        stopIgnoredReported = true;
        return true;
    }

    /** The job body returned or threw; only its outcome is still being written. */
    synchronized void finished() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }

    @Override
    public JobId jobId() {
        return new JobId(lease.job().id());
    }

    @Override
    public int attempt() {
        return lease.job().attempts();
    }

    @Override
    public boolean stopRequested() {
        return stop != StopReason.NONE;
    }

    @Override
    public StopReason stopReason() {
        return stop;
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public void progress(int percent, String message) {
        reports.progress(percent, message);
    }

    @Override
    public void log(String message) {
        reports.log(message);
    }
}
