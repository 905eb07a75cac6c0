package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Node-wide totals of the engine's events, for health data and tests. Counters only grow. */
@ApplicationScoped
public class EngineStats implements JobEvents {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong leasesExpired = new AtomicLong();
    private final AtomicLong fencedWrites = new AtomicLong();
    private final AtomicLong loopRestarts = new AtomicLong();
    private final AtomicLong stoppedForLease = new AtomicLong();
    private final AtomicLong stopIgnored = new AtomicLong();
    private final AtomicLong schedulesFired = new AtomicLong();
    private final AtomicLong startedAtEnqueue = new AtomicLong();
    private volatile boolean running;

    @Override
    public void succeeded(String type, String queue, Duration runTime) {
        succeeded.incrementAndGet();
    }

    @Override
    public void failed(String type, String queue, Duration runTime, boolean willRetry) {
        failed.incrementAndGet();
        if (!willRetry) {
            dead.incrementAndGet();
        }
    }

    @Override
    public void leaseExpired(String type, String queue, boolean willRetry) {
        leasesExpired.incrementAndGet();
        if (!willRetry) {
            dead.incrementAndGet();
        }
    }

    @Override
    public void fencedWrite(String type, String queue) {
        fencedWrites.incrementAndGet();
    }

    @Override
    public void stoppedForLease(String type, String queue) {
        stoppedForLease.incrementAndGet();
    }

    @Override
    public void startedAtEnqueue(String type, String queue) {
        startedAtEnqueue.incrementAndGet();
    }

    /** @return jobs this node stored already claimed at their enqueue ({@link LocalStart}) */
    public long startedAtEnqueueCount() {
        return startedAtEnqueue.get();
    }

    @Override
    public void scheduleFired(String schedule) {
        schedulesFired.incrementAndGet();
    }

    @Override
    public void stopIgnored(String type, String queue) {
        stopIgnored.incrementAndGet();
    }

    @Override
    public void loopRestarted(String loop) {
        loopRestarts.incrementAndGet();
    }

    @Override
    public void engineRunning(boolean value) {
        running = value;
    }

    /** @return jobs this node completed */
    public long succeededCount() {
        return succeeded.get();
    }

    /** @return failed attempts on this node, lease expiries excluded */
    public long failedCount() {
        return failed.get();
    }

    /** @return jobs this node moved to DEAD */
    public long deadCount() {
        return dead.get();
    }

    /** @return expired leases this node's reaper took back */
    public long leasesExpiredCount() {
        return leasesExpired.get();
    }

    /** @return writes refused because the lease token was no longer current */
    public long fencedWriteCount() {
        return fencedWrites.get();
    }

    /** @return attempts this node stopped because it no longer held their lease for sure */
    public long stoppedForLeaseCount() {
        return stoppedForLease.get();
    }

    /** @return attempts that went on running a margin after they were stopped for their lease */
    public long stopIgnoredCount() {
        return stopIgnored.get();
    }

    /** @return schedule ticks this node fired */
    public long schedulesFiredCount() {
        return schedulesFired.get();
    }

    /**
     * @return engine loops of every kind (workers, fetchers, heartbeat, reaper, the other
     *     housekeeping loops) restarted after they died; the name is kept for the metric it feeds
     */
    public long workerRestartCount() {
        return loopRestarts.get();
    }

    /** @return whether the supervisor has started the engine and is not draining */
    public boolean isRunning() {
        return running;
    }
}
