package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import java.util.List;

/**
 * Tells other nodes which queues got new jobs (PostgreSQL NOTIFY), outside the enqueuing
 * transactions and coalesced: however many enqueues committed while the last announcement was
 * being sent, the next one names each queue once.
 */
final class QueueAnnouncer implements EngineLoop.Step {

    private final JobStore store;
    private final WakeUps wakeUps;

    QueueAnnouncer(JobStore store, WakeUps wakeUps) {
        this.store = store;
        this.wakeUps = wakeUps;
    }

    @Override
    public boolean runOnce() {
        List<String> queues = wakeUps.takeAnnouncements();
        if (!queues.isEmpty()) {
            store.announce(queues);
        }
        return false;
    }
}
