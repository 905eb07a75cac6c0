package dev.eejobs.observability;

import dev.eejobs.api.JobState;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.config.ServerResources;
import dev.eejobs.engine.EngineStats;
import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.JobSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The engine's events as MicroProfile Metrics in the application registry: counters and timers
 * tagged by job type and queue, and per-queue gauges of job counts (from the database, cached)
 * and of this node's workers. The names are fixed; the README lists them.
 */
@ApplicationScoped
public class JobMetrics implements JobEvents {

    /** Timers keep nanoseconds in a long; a latency from a run-at far in the past is recorded as this. */
    static final Duration LONGEST_TIMED = Duration.ofDays(36_500);

    static final Metadata ENQUEUED = counter("eejobs.jobs.enqueued", "jobs stored");
    static final Metadata STARTED = counter("eejobs.jobs.started", "attempts started");
    static final Metadata SUCCEEDED = counter("eejobs.jobs.succeeded", "attempts that succeeded");
    static final Metadata FAILED = counter("eejobs.jobs.failed", "attempts that threw (lease expiries not included)");
    static final Metadata RETRIED = counter("eejobs.jobs.retried", "failed or expired attempts that will be retried");
    static final Metadata DEAD = counter("eejobs.jobs.dead", "jobs that ran out of retries");
    static final Metadata LEASE_EXPIRED = counter("eejobs.jobs.lease.expired", "leases the reaper took back");
    static final Metadata FENCED = counter("eejobs.jobs.fenced.writes", "writes refused for a stale lease token");
    static final Metadata STOPPED_FOR_LEASE = counter("eejobs.jobs.lease.stopped",
            "attempts this node interrupted because it no longer held their lease for sure (handed back)");
    static final Metadata STOP_IGNORED = counter("eejobs.jobs.stop.ignored",
            "attempts still running a margin after they were stopped for their lease, timeout or a cancel request"
                    + " (the job ignores interruption)");
    static final Metadata TIMED_OUT = counter("eejobs.jobs.timed.out",
            "attempts stopped at their job's timeout (also counted as failed)");
    static final Metadata CANCELLED_RUNNING = counter("eejobs.jobs.cancelled.running",
            "jobs cancelled at an operator's request while RUNNING");
    static final Metadata SCHEDULES_FIRED = counter("eejobs.schedules.fired",
            "schedule ticks this node fired (one node fires each tick)");
    static final Metadata SCHEDULES_SKIPPED = counter("eejobs.schedules.skipped",
            "schedule ticks this node skipped because the previous tick's job had not finished (overlap skip)");
    static final Metadata RUN_DURATION = Metadata.builder().withName("eejobs.job.run.duration")
            .withDescription("how long an attempt ran, success or failure").withUnit(MetricUnits.NANOSECONDS).build();
    static final Metadata PICKUP_LATENCY = Metadata.builder().withName("eejobs.job.pickup.latency")
            .withDescription("from a job's due time to the start of its attempt").withUnit(MetricUnits.NANOSECONDS)
            .build();
    static final Metadata QUEUE_JOBS = Metadata.builder().withName("eejobs.queue.jobs")
            .withDescription("jobs in the database by queue and status (all nodes; refreshed every few seconds)")
            .build();
    static final Metadata DEDUPLICATED = counter("eejobs.jobs.deduplicated",
            "enqueues that stored nothing because an active job held the unique key");
    static final Metadata STARTED_AT_ENQUEUE = counter("eejobs.jobs.started.at.enqueue",
            "jobs enqueued one by one that the enqueuing node stored already claimed, for an idle worker of its own");
    static final Metadata QUEUE_PAUSED = Metadata.builder().withName("eejobs.queue.paused")
            .withDescription("1 while the queue is paused (all nodes; refreshed every few seconds), else 0").build();
    static final Metadata WORKERS_BUSY = Metadata.builder().withName("eejobs.workers.busy")
            .withDescription("this node's workers running a job").build();
    static final Metadata WORKERS_IDLE = Metadata.builder().withName("eejobs.workers.idle")
            .withDescription("this node's workers waiting for a job").build();
    static final Metadata WORKER_RESTARTS = Metadata.builder().withName("eejobs.worker.restarts")
            .withDescription("engine loops this node restarted after they died").build();

    @Inject
    MetricRegistry registry;

    @Inject
    QueueCounts counts;

    @Inject
    JobSupervisor supervisor;

    @Inject
    EngineStats stats;

    @Inject
    ServerResources server;

    private final Set<String> gaugedQueues = ConcurrentHashMap.newKeySet();
    /** Looked up once per (metric, type, queue): a registry lookup per job costs more than the job. */
    private final Map<MetricKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MetricKey, Timer> timers = new ConcurrentHashMap<>();

    private record MetricKey(Metadata metadata, String type, String queue) {}
    private volatile boolean restartsGauged;

    private static Metadata counter(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** Registers the gauges of the queues this node works as soon as the application is up. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        gaugeEngine();
    }

    /**
     * Counted when the enqueuing transaction commits: a batch refused halfway, or a caller that
     * rolls back, stored nothing and so counts nothing.
     */
    @Override
    public void enqueued(String type, String queue, int count) {
        gaugeQueue(queue);
        afterCommit(() -> cachedCounter(ENQUEUED, type, queue).inc(count));
    }

    /** Counted when the enqueuing transaction commits, as stored jobs are. */
    @Override
    public void deduplicated(String type, String queue) {
        gaugeQueue(queue);
        afterCommit(() -> cachedCounter(DEDUPLICATED, type, queue).inc());
    }

    @Override
    public void startedAtEnqueue(String type, String queue) {
        cachedCounter(STARTED_AT_ENQUEUE, type, queue).inc(); // never inside a transaction
    }

    /** Runs {@code count} when the current transaction commits, at once outside one. */
    private void afterCommit(Runnable count) {
        TransactionSynchronizationRegistry transactions = server.transactions();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        count.run();
                    }
                }
            });
        } else {
            count.run();
        }
    }

    @Override
    public void started(String type, String queue, Duration pickupLatency) {
        cachedCounter(STARTED, type, queue).inc();
        cachedTimer(PICKUP_LATENCY, type, queue).update(pickupLatency.isNegative() ? Duration.ZERO
                : pickupLatency.compareTo(LONGEST_TIMED) > 0 ? LONGEST_TIMED : pickupLatency);
        gaugeQueue(queue);
    }

    @Override
    public void succeeded(String type, String queue, Duration runTime) {
        cachedCounter(SUCCEEDED, type, queue).inc();
        cachedTimer(RUN_DURATION, type, queue).update(runTime);
    }

    @Override
    public void failed(String type, String queue, Duration runTime, boolean willRetry) {
        cachedCounter(FAILED, type, queue).inc();
        cachedTimer(RUN_DURATION, type, queue).update(runTime);
        cachedCounter(willRetry ? RETRIED : DEAD, type, queue).inc();
    }

    @Override
    public void leaseExpired(String type, String queue, boolean willRetry) {
        cachedCounter(LEASE_EXPIRED, type, queue).inc();
        cachedCounter(willRetry ? RETRIED : DEAD, type, queue).inc();
    }

    @Override
    public void fencedWrite(String type, String queue) {
        cachedCounter(FENCED, type, queue).inc();
    }

    @Override
    public void stoppedForLease(String type, String queue) {
        cachedCounter(STOPPED_FOR_LEASE, type, queue).inc();
    }

    @Override
    public void scheduleFired(String schedule) {
        counters.computeIfAbsent(new MetricKey(SCHEDULES_FIRED, schedule, ""),
                k -> registry.counter(SCHEDULES_FIRED, new Tag("schedule", schedule))).inc();
    }

    @Override
    public void timedOut(String type, String queue) {
        cachedCounter(TIMED_OUT, type, queue).inc();
    }

    @Override
    public void cancelledWhileRunning(String type, String queue) {
        cachedCounter(CANCELLED_RUNNING, type, queue).inc();
    }

    @Override
    public void scheduleSkipped(String schedule) {
        counters.computeIfAbsent(new MetricKey(SCHEDULES_SKIPPED, schedule, ""),
                k -> registry.counter(SCHEDULES_SKIPPED, new Tag("schedule", schedule))).inc();
    }

    @Override
    public void stopIgnored(String type, String queue) {
        cachedCounter(STOP_IGNORED, type, queue).inc();
    }

    private void gaugeEngine() {
        if (!restartsGauged) {
            restartsGauged = true;
            registry.gauge(WORKER_RESTARTS, stats, EngineStats::workerRestartCount);
        }
        try {
            supervisor.status().queues().forEach(q -> gaugeQueue(q.name()));
        } catch (RuntimeException e) {
            // the supervisor is not up yet: each queue's gauges come with its first event instead
        }
    }

    private void gaugeQueue(String queue) {
        if (!gaugedQueues.add(queue)) {
            return;
        }
        for (JobState state : JobState.values()) {
            registry.gauge(QUEUE_JOBS, counts, c -> c.current().count(queue, state),
                    new Tag("queue", queue), new Tag("status", state.name().toLowerCase(Locale.ROOT)));
        }
        registry.gauge(QUEUE_PAUSED, counts, c -> c.current().paused().contains(queue) ? 1 : 0,
                new Tag("queue", queue));
        registry.gauge(WORKERS_BUSY, this, m -> m.workers(queue, EngineStatus.Queue::busy), new Tag("queue", queue));
        registry.gauge(WORKERS_IDLE, this, m -> m.workers(queue, q -> q.workers() - q.busy()), new Tag("queue", queue));
    }

    private int workers(String queue, ToIntFunction<EngineStatus.Queue> value) {
        return supervisor.status().queues().stream().filter(q -> q.name().equals(queue))
                .mapToInt(value).findFirst().orElse(0);
    }

    private Counter cachedCounter(Metadata metadata, String type, String queue) {
        return counters.computeIfAbsent(new MetricKey(metadata, type, queue),
                k -> registry.counter(metadata, tags(type, queue)));
    }

    private Timer cachedTimer(Metadata metadata, String type, String queue) {
        return timers.computeIfAbsent(new MetricKey(metadata, type, queue),
                k -> registry.timer(metadata, tags(type, queue)));
    }

    private static Tag[] tags(String type, String queue) {
        return new Tag[] {new Tag("type", type), new Tag("queue", queue)};
    }
}
