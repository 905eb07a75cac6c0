package dev.eejobs.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Wakes a queue's fetcher when this node stores a job for it, so local enqueues start without
 * waiting for the next poll. Inside a transaction the signal waits for the commit: a fetcher woken
 * earlier would find nothing.
 */
@ApplicationScoped
class WakeUps {

    private final Map<String, Semaphore> signals = new ConcurrentHashMap<>();

    @Resource
    TransactionSynchronizationRegistry transactions;

    Semaphore of(String queue) {
        return signals.computeIfAbsent(queue, q -> new Semaphore(0));
    }

    void signal(String queue) {
        Semaphore s = of(queue);
        if (s.availablePermits() == 0) {
            s.release();
        }
    }

    void signalAll() {
        signals.keySet().forEach(this::signal);
    }

    void signalAfterCommit(Collection<String> queues) {
        Set<String> distinct = Set.copyOf(queues);
        if (transactions == null || transactions.getTransactionKey() == null) {
            distinct.forEach(this::signal);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    distinct.forEach(WakeUps.this::signal);
                }
            }
        });
    }
}
