package dev.eejobs.engine;

import dev.eejobs.config.ServerResources;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Wakes a queue's fetcher when this node stores a job for it, so local enqueues start without
 * waiting for the next poll, and collects the queues to announce to other nodes. Inside a
 * transaction both wait for the commit: a fetcher woken earlier would find nothing.
 */
@ApplicationScoped
class WakeUps {

    private final Map<String, Semaphore> signals = new ConcurrentHashMap<>();
    private final Set<String> toAnnounce = ConcurrentHashMap.newKeySet();
    private final Semaphore announcements = new Semaphore(0);

    @Inject
    ServerResources server;

    Semaphore of(String queue) {
        return signals.computeIfAbsent(queue, q -> new Semaphore(0));
    }

    void signal(String queue) {
        Semaphore s = of(queue);
        if (s.availablePermits() == 0) {
            s.release();
        }
    }

    private void committed(String queue) {
        signal(queue);
        toAnnounce.add(queue);
        if (announcements.availablePermits() == 0) {
            announcements.release();
        }
    }

    /** Released whenever a queue is waiting to be announced. */
    Semaphore announcements() {
        return announcements;
    }

    /** @return the queues stored into since the last call, each once */
    List<String> takeAnnouncements() {
        List<String> queues = new ArrayList<>();
        for (String queue : toAnnounce) {
            if (toAnnounce.remove(queue)) {
                queues.add(queue);
            }
        }
        return queues;
    }

    void signalAll() {
        signals.keySet().forEach(this::signal);
    }

    /**
     * After the current transaction commits (at once outside one): wakes this node's fetchers of
     * the queues and queues an announcement to the other nodes.
     */
    void signalAfterCommit(Collection<String> queues) {
        Set<String> distinct = Set.copyOf(queues);
        afterCommit(() -> distinct.forEach(this::committed));
    }

    /** @return whether the caller runs inside a JTA transaction */
    boolean inTransaction() {
        TransactionSynchronizationRegistry transactions = server == null ? null : server.transactions();
        return transactions != null && transactions.getTransactionKey() != null;
    }

    /** Runs the action once the caller's transaction commits (never on rollback), or now without one. */
    void afterCommit(Runnable action) {
        if (!inTransaction()) {
            action.run();
            return;
        }
        server.transactions().registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
