package dev.eejobs.observability;

import dev.eejobs.api.JobState;
import dev.eejobs.config.EngineClock;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Job counts read from the database for gauges and health data, reused for
 * {@code jobs.metrics.counts-refresh} so a scrape or probe every second does not become a
 * GROUP BY over the job table every second. A failed refresh keeps the previous numbers.
 */
@ApplicationScoped
class QueueCounts {

    private static final Logger LOG = Logger.getLogger(QueueCounts.class.getName());

    /**
     * @param byQueue jobs by queue and state
     * @param oldestDue by queue, the run-at time of the oldest due QUEUED job
     * @param queuedByType QUEUED jobs by type
     * @param readAt when it was read, or null if never
     * @param paused the paused queues
     */
    record Snapshot(Map<String, Map<JobState, Long>> byQueue, Map<String, Instant> oldestDue,
            Map<String, Long> queuedByType, Instant readAt, Set<String> paused) {

        long count(String queue, JobState state) {
            return byQueue.getOrDefault(queue, Map.of()).getOrDefault(state, 0L);
        }

        long total(JobState state) {
            return byQueue.values().stream().mapToLong(m -> m.getOrDefault(state, 0L)).sum();
        }
    }

    @Inject
    JobQueries queries;

    @Inject
    JobStore store;

    @Inject
    JobsConfig settings;

    @Inject
    @EngineClock
    Clock clock;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), null,
            Set.of());
    private final ReentrantLock refreshing = new ReentrantLock();

    /**
     * @return counts no older than the refresh interval, or the last ones read if the database
     *     fails. One caller refreshes; the others do not queue behind it (a slow database must not
     *     hold every health check and gauge) but get the last counts read.
     */
    Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if ((s.readAt() == null || s.readAt().plus(settings.metricsCountsRefresh()).isBefore(now))
                && refreshing.tryLock()) {
            try {
                s = snapshot;
                if (s.readAt() == null || s.readAt().plus(settings.metricsCountsRefresh()).isBefore(now)) {
                    s = refresh(now, s);
                }
            } finally {
                refreshing.unlock();
            }
        }
        return s;
    }

    private Snapshot refresh(Instant now, Snapshot previous) {
        try {
            Snapshot fresh = new Snapshot(queries.countsByQueue(), queries.oldestDueByQueue(now), store.queuedByType(),
                    now, store.pausedQueues());
            snapshot = fresh;
            return fresh;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "eejobs: cannot read job counts; keeping the previous ones", e);
            return previous;
        }
    }
}
