package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs this node claimed that wait in a hand-off for a worker. Their leases are renewed like
 * those of running jobs, so a job may wait behind long-running ones for longer than its lease
 * without another node taking it back; a worker only starts a job whose lease it still holds for
 * sure. Times are {@link Ticker} nanoseconds.
 */
final class WaitingJobs {

    /** One claimed job not yet started, and where its lease stands. */
    static final class Waiting {
        private final HeldLease lease;
        private volatile boolean lost;
        private volatile boolean cancelRequested;

        private Waiting(ClaimedJob job, long claimSentNanos) {
            this.lease = new HeldLease(job, claimSentNanos);
        }

        ClaimedJob job() {
            return lease.job();
        }

        HeldLease lease() {
            return lease;
        }

        void lost() {
            lost = true;
        }

        boolean isLost() {
            return lost;
        }

        /** An operator asked to cancel the job: the worker writes it CANCELLED instead of starting it. */
        void cancelRequested() {
            cancelRequested = true;
        }

        boolean isCancelRequested() {
            return cancelRequested;
        }

        /**
         * @return whether the lease is certainly still this node's for at least one more heartbeat
         *     interval: not refused, and renewed recently enough by this node's own clock
         */
        boolean startable(LeaseBudget budget, long nowNanos) {
            return !lost && !budget.mustStop(job(), lease.renewalSentNanos(), nowNanos + job().heartbeat().toNanos());
        }
    }

    private final Map<Long, Waiting> byId = new ConcurrentHashMap<>();

    /** @param claimSentNanos when the claim that returned them was sent */
    void claimed(Collection<ClaimedJob> jobs, long claimSentNanos) {
        jobs.forEach(job -> byId.put(job.id(), new Waiting(job, claimSentNanos)));
    }

    /** @return the job's entry, now removed; null if it was never registered */
    Waiting take(long id) {
        return byId.remove(id);
    }

    List<Waiting> dueForHeartbeat(long nowNanos) {
        return byId.values().stream().filter(w -> !w.lost && w.lease.heartbeatDue(nowNanos)).toList();
    }

    List<Waiting> all() {
        return List.copyOf(byId.values());
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
    }
}
