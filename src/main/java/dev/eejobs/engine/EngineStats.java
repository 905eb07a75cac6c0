package dev.eejobs.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the engine reports about itself: the narrow seam health checks and metrics read from.
 * Counters only grow.
 */
@ApplicationScoped
public class EngineStats {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong leasesExpired = new AtomicLong();
    private final AtomicLong fencedWrites = new AtomicLong();
    private final AtomicLong workerRestarts = new AtomicLong();
    private volatile boolean running;

    void succeeded() {
        succeeded.incrementAndGet();
    }

    void failed(boolean buried) {
        failed.incrementAndGet();
        if (buried) {
            dead.incrementAndGet();
        }
    }

    void leaseExpired() {
        leasesExpired.incrementAndGet();
    }

    void fencedWrite() {
        fencedWrites.incrementAndGet();
    }

    void workerRestarted() {
        workerRestarts.incrementAndGet();
    }

    void running(boolean value) {
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

    /** @return jobs this node moved to DEAD after a failed attempt */
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

    /** @return engine loops restarted after they died */
    public long workerRestartCount() {
        return workerRestarts.get();
    }

    /** @return whether the supervisor has started the engine and is not draining */
    public boolean isRunning() {
        return running;
    }
}
