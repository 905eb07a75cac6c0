package dev.eejobs.engine;

import dev.eejobs.config.ServerResources;
import dev.eejobs.store.NewJob;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Wakes a queue's fetcher when this node stores a job for it, so local enqueues start without
 * waiting for the next poll, and collects the queues to announce to other nodes. Inside a
 * transaction both wait for the commit: a fetcher woken earlier would find nothing. A job not due
 * yet wakes no one: its run time goes to the queue's {@link DueTimes}.
 */
@ApplicationScoped
class WakeUps {

    private final Map<String, Semaphore> signals = new ConcurrentHashMap<>();
    private final Map<String, DueTimes> dueTimes = new ConcurrentHashMap<>();
    private final Set<String> toAnnounce = ConcurrentHashMap.newKeySet();
    private final Semaphore announcements = new Semaphore(0);

    @Inject
    ServerResources server;

    Semaphore of(String queue) {
        return signals.computeIfAbsent(queue, q -> new Semaphore(0));
    }

    /** The due times a fetcher of the queue on this node waits for: kept from its first call on. */
    DueTimes dueTimes(String queue) {
        return dueTimes.computeIfAbsent(queue, q -> new DueTimes());
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

    /**
     * After the current transaction commits (at once outside one): for the jobs due now, as {@link
     * #signalAfterCommit}; for the others, their run times to their queues' {@link DueTimes}. A job
     * not due yet would have every fetcher woken claim and find nothing.
     */
    void storedAfterCommit(List<NewJob> jobs) {
        if (jobs.size() == 1) { // one-by-one enqueue, the most frequent call
            storedAfterCommit(jobs.get(0));
            return;
        }
        Set<String> due = new HashSet<>();
        Map<String, List<Long>> later = new HashMap<>();
        for (NewJob job : jobs) {
            if (dueAtEnqueue(job)) {
                due.add(job.queue());
            } else {
                later.computeIfAbsent(job.queue(), q -> new ArrayList<>()).add(DueTimes.ceilMillis(job.runAt()));
            }
        }
        afterCommit(() -> {
            due.forEach(this::committed);
            later.forEach((queue, times) -> dueLater(queue, times.stream().mapToLong(Long::longValue).toArray()));
        });
    }

    /** {@link #storedAfterCommit(List)} for one job. */
    void storedAfterCommit(NewJob job) {
        if (dueAtEnqueue(job)) {
            signalAfterCommit(List.of(job.queue()));
        } else {
            long[] time = {DueTimes.ceilMillis(job.runAt())};
            afterCommit(() -> dueLater(job.queue(), time));
        }
    }

    /** A failed attempt's retry, written QUEUED to run then: the queue's fetcher looks again at that time. */
    void retryStored(String queue, Instant runAt) {
        dueLater(queue, new long[] {DueTimes.ceilMillis(runAt)});
    }

    private void dueLater(String queue, long[] epochMillis) {
        // only for queues this node runs: times for any other queue name would be kept for no one
        DueTimes times = dueTimes.get(queue);
        if (times != null && times.add(epochMillis)) {
            signal(queue); // its fetcher may be waiting past the new first time: it waits again
        }
    }

    /** @return whether the job was due when it was enqueued (a run time is kept rounded up to the microsecond) */
    static boolean dueAtEnqueue(NewJob job) {
        return !job.runAt().isAfter(job.enqueuedAt().plus(1, ChronoUnit.MICROS));
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
