package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells other nodes which queues got new jobs (PostgreSQL NOTIFY), outside the enqueuing
 * transactions and coalesced: announcements are at least {@link #MIN_GAP_NANOS} apart, and one
 * names each queue that got jobs since the last, however many enqueues committed meanwhile. This
 * node's own fetchers are woken in-process and never wait for it; other nodes hear of a job at
 * most a few milliseconds later than they could, and a busy enqueuer costs the database a
 * notification per gap instead of one per enqueue.
 */
final class QueueAnnouncer implements EngineLoop.Step {

    static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final JobStore store;
    private final WakeUps wakeUps;
    private long lastAnnouncedNanos = System.nanoTime() - MIN_GAP_NANOS;

    QueueAnnouncer(JobStore store, WakeUps wakeUps) {
        this.store = store;
        this.wakeUps = wakeUps;
    }

    @Override
    public boolean runOnce() {
        long wait = lastAnnouncedNanos + MIN_GAP_NANOS - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait); // let enqueues committing meanwhile share this announcement
        }
        List<String> queues = wakeUps.takeAnnouncements();
        if (!queues.isEmpty()) {
            store.announce(queues);
            lastAnnouncedNanos = System.nanoTime();
        }
        return false;
    }
}
