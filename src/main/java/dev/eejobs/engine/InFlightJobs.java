package dev.eejobs.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts running on this node right now. */
final class InFlightJobs {

    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    private final Object emptied = new Object();

    void add(JobExecution execution) {
        running.add(execution);
    }

    void remove(JobExecution execution) {
        running.remove(execution);
        if (running.isEmpty()) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
    }

    List<JobExecution> snapshot() {
        return List.copyOf(running);
    }

    int size() {
        return running.size();
    }

    /** @return whether nothing is running when this returns (false: the wait timed out) */
    boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (emptied) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                emptied.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
