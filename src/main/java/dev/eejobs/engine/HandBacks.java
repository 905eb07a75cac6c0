package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Attempts this node stopped for their lease, to be handed back without counting: at once, or —
 * when the database could not be reached — at every heartbeat pass until it answers. Each hand-back
 * is fenced: if a reaper took the lease back first it changes nothing (the reaper counted the
 * attempt, as for a node that died).
 */
final class HandBacks {

    private static final Logger LOG = Logger.getLogger(HandBacks.class.getName());

    private final JobStore store;
    private final ConcurrentLinkedQueue<ClaimedJob> pending = new ConcurrentLinkedQueue<>();

    HandBacks(JobStore store) {
        this.store = store;
    }

    /** Hands the job back now, or keeps it for a later try if the database does not answer. */
    void handBack(ClaimedJob job) {
        try {
            store.release(job.id(), job.leaseToken());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "could not hand back job " + job.id() + " yet; will retry");
            pending.add(job);
        }
    }

    /** Retries the hand-backs that failed; stops at the first failure (the database is still away). */
    void retry() {
        List<ClaimedJob> batch = new ArrayList<>();
        for (ClaimedJob job; (job = pending.poll()) != null; ) {
            batch.add(job);
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                store.release(batch.get(i).id(), batch.get(i).leaseToken());
            } catch (RuntimeException e) {
                pending.addAll(batch.subList(i, batch.size()));
                return;
            }
        }
    }

    int size() {
        return pending.size();
    }
}
