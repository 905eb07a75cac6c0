package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs this node claimed that wait in a hand-off for a worker. Their leases are renewed like
 * those of running jobs, so a job may wait behind long-running ones for longer than its lease
 * without another node taking it back; a worker only starts a job whose lease it still holds.
 */
final class WaitingJobs {

    /** One claimed job not yet started, and where its lease stands. */
    static final class Waiting {
        private final ClaimedJob job;
        private volatile Instant nextHeartbeat;
        private volatile Instant leaseExpiry;
        private volatile boolean lost;

        private Waiting(ClaimedJob job, Instant claimedAt) {
            this.job = job;
            renewed(claimedAt);
        }

        ClaimedJob job() {
            return job;
        }

        Instant nextHeartbeat() {
            return nextHeartbeat;
        }

        void renewed(Instant at) {
            nextHeartbeat = at.plus(job.heartbeat());
            leaseExpiry = job.leaseExpiry(at);
        }

        void lost() {
            lost = true;
        }

        /**
         * @return whether the lease is certainly still this node's: not refused, and more than a
         *     heartbeat interval from expiry (renewals may have failed while the database was away)
         */
        boolean startable(Instant now) {
            return !lost && now.isBefore(leaseExpiry.minus(job.heartbeat()));
        }
    }

    private final Map<Long, Waiting> byId = new ConcurrentHashMap<>();

    void claimed(Collection<ClaimedJob> jobs, Instant at) {
        jobs.forEach(job -> byId.put(job.id(), new Waiting(job, at)));
    }

    /** @return the job's entry, now removed; null if it was never registered */
    Waiting take(long id) {
        return byId.remove(id);
    }

    List<Waiting> dueForHeartbeat(Instant now) {
        return byId.values().stream().filter(w -> !w.lost && !now.isBefore(w.nextHeartbeat)).toList();
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
    }
}
