package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine of one node: per queue a fetcher and its workers, plus the heartbeat, the lease
 * watch, the lease reaper, the schedule firer and the pruner (which also sweeps WAITING jobs whose
 * parent or batch already finished), each an {@link EngineLoop} on the executor. The heartbeat and the lease watch keep going while a drain waits for running jobs. The
 * supervisor calls {@link #start}, {@link #watch} every second and {@link #drain} on shutdown;
 * it never shuts the container's executor down, it only tracks its own tasks.
 */
final class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TICK = Duration.ofMillis(100);
    private static final Duration WORKER_POLL = Duration.ofMillis(250);
    /** announce, complete, listen, heartbeat, lease-watch, reap, schedule, prune: the loops besides fetchers and workers. */
    static final int OWN_LOOPS = 8;

    private final JobsConfig config;
    private final JobStore store;
    private final JobTypes types;
    private final WakeUps wakeUps;
    private final JobEvents events;
    private final Clock clock;
    private final ExecutorService executor;
    private final AttemptRunner runner;
    private final CompletionBatcher completions;
    private final NotificationListener listener;
    private final InFlightJobs inFlight = new InFlightJobs();
    private final WaitingJobs waiting = new WaitingJobs();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Set once the drain is over: the heartbeat and the lease watch keep going while jobs finish. */
    private final AtomicBoolean drained = new AtomicBoolean();
    private final Ticker ticker;
    private final LeaseBudget budget;
    private final HandBacks handBacks;
    private final CancelRequests cancels;
    private final List<EngineLoop> loops = new ArrayList<>();
    private final List<BlockingQueue<ClaimedJob>> handoffs = new ArrayList<>();
    private final String owner = nodeName();
    private final Map<String, Integer> workerCounts = new LinkedHashMap<>();
    /** Filled by {@link #start} before the supervisor publishes the engine (a volatile write), read-only after. */
    private final Map<String, LocalStart> localStarts = new HashMap<>();

    Engine(JobsConfig config, JobStore store, JobTypes types, AttemptRunner.Invoker invoker, WakeUps wakeUps,
            JobEvents events, Clock clock, ExecutorService executor) {
        this(config, store, types, invoker, wakeUps, events, clock, Ticker.SYSTEM, executor);
    }

    Engine(JobsConfig config, JobStore store, JobTypes types, AttemptRunner.Invoker invoker, WakeUps wakeUps,
            JobEvents events, Clock clock, Ticker ticker, ExecutorService executor) {
        this.config = config;
        this.ticker = ticker;
        this.budget = new LeaseBudget(config.leaseClockSkew());
        this.handBacks = new HandBacks(store);
        this.store = store;
        this.types = types;
        this.wakeUps = wakeUps;
        this.events = events;
        this.clock = clock;
        this.executor = executor;
        this.completions = new CompletionBatcher(store, events, clock, !config.succeededRetention().isZero(),
                new BatchPacing(BatchPacing.COMPLETION_GAP_NANOS));
        this.cancels = new CancelRequests(inFlight, waiting, ticker);
        this.listener = new NotificationListener(store, wakeUps, cancels::requested);
        this.runner = new AttemptRunner(store, types, invoker, inFlight, events, clock, completions, draining::get,
                handBacks, ticker, owner, wakeUps::retryStored);
    }

    /** Starts every loop; a node with {@code jobs.enabled=false} only announces its enqueues. */
    void start(boolean runJobs) {
        loops.add(new EngineLoop("announce", new QueueAnnouncer(store, wakeUps), Duration.ofSeconds(1),
                wakeUps.announcements(), draining::get, clock));
        if (!runJobs) {
            loops.forEach(this::submit);
            return;
        }
        for (String queue : queues()) {
            int workers = config.workersFor(queue);
            if (workers == 0) {
                continue;
            }
            BlockingDeque<ClaimedJob> handoff = new LinkedBlockingDeque<>();
            // A slot is a worker or a place in the hand-off: claims are sized to the free slots.
            Prefetch prefetch = new Prefetch(workers, config.prefetchFor(queue), ticker);
            Semaphore freeSlots = new Semaphore(workers + prefetch.cap());
            handoffs.add(handoff);
            workerCounts.put(queue, workers);
            JobFetcher fetcher = new JobFetcher(queue, store, types, handoff, freeSlots, prefetch, waiting, owner,
                    clock, draining::get, ticker, new BatchPacing(BatchPacing.CLAIM_GAP_NANOS));
            loops.add(new EngineLoop("fetch-" + queue, fetcher, config.pollInterval(), wakeUps.of(queue),
                    draining::get, clock, wakeUps.dueTimes(queue)));
            if (store.startsAtEnqueue()) {
                localStarts.put(queue, new LocalStart(handoff, freeSlots, prefetch, fetcher, waiting,
                        store, draining::get, ticker, owner));
            }
            // a success is not back in the queue: the fetcher needs waking only if it left jobs unclaimed
            Worker.SlotFreed slotFreed = succeeded -> {
                if (!succeeded || fetcher.mayHaveMore()) {
                    wakeUps.signal(queue);
                }
            };
            for (int i = 1; i <= workers; i++) {
                loops.add(new EngineLoop("work-" + queue + "-" + i,
                        new Worker(handoff, freeSlots, slotFreed, runner, store, draining::get,
                                WORKER_POLL, waiting, prefetch, budget, ticker),
                        Duration.ZERO, null, draining::get, clock));
            }
        }
        loops.add(new EngineLoop("complete", completions, Duration.ofSeconds(1), completions.wakeUps(),
                draining::get, clock));
        loops.add(new EngineLoop("listen", listener, Duration.ofSeconds(1), null,
                draining::get, clock));
        loops.add(new EngineLoop("heartbeat", new LeaseHeartbeat(store, inFlight, waiting, handBacks, events, ticker, cancels),
                HEARTBEAT_TICK, null, drained::get, clock));
        loops.add(new EngineLoop("lease-watch", new LeaseWatch(inFlight, waiting, budget, events, ticker),
                HEARTBEAT_TICK, null, drained::get, clock));
        Duration housekeeping = config.housekeepingInterval();
        loops.add(new EngineLoop("reap", new LeaseReaper(store, events, clock), housekeeping, null, draining::get,
                clock));
        loops.add(new EngineLoop("schedule", new ScheduleFirer(store, types, clock, events), housekeeping, null,
                draining::get, clock));
        // the waiting-job sweep shares the pruner's thread: both are light housekeeping on finished jobs
        SucceededJobPruner pruner = new SucceededJobPruner(store, clock, config.succeededRetention(), config.pruneBatch());
        WaitingJobSettler settler = new WaitingJobSettler(store, clock);
        loops.add(new EngineLoop("prune", () -> settler.runOnce() | pruner.runOnce(), housekeeping, null,
                draining::get, clock));
        loops.forEach(this::submit);
        events.engineRunning(true);
        LOG.info(() -> "eejobs node " + owner + " started " + loops.size() + " loops for queues " + queues()
                + " and job types " + types.names());
    }

    /** @return the queues this node works: {@code jobs.queues}, else those of its job types and the default */
    Set<String> queues() {
        return queues(config, types);
    }

    private static Set<String> queues(JobsConfig config, JobTypes types) {
        if (!config.queues().isEmpty()) {
            return new LinkedHashSet<>(config.queues());
        }
        Set<String> queues = new LinkedHashSet<>();
        queues.add(config.defaultQueue());
        queues.addAll(types.queues());
        return queues;
    }

    /**
     * @return why the executor is too small for the configured workers, if it is: the engine would
     *     start and leave some queues unworked
     */
    static Optional<String> threadShortage(JobsConfig config, JobTypes types) {
        int needed = threadsNeeded(config, types);
        if (!config.enabled() || needed <= config.executorMaxThreads()) {
            return Optional.empty();
        }
        return Optional.of("Invalid jobs configuration: jobs.workers (and jobs.queue.<name>.workers) need " + needed
                + " threads on the executor (a fetcher and the workers of each queue, and " + OWN_LOOPS
                + " loops of the engine's own), but jobs.executor.max-threads = " + config.executorMaxThreads()
                + "; give the executor (jobs.executor) more threads and raise jobs.executor.max-threads,"
                + " or configure fewer workers");
    }

    /**
     * @return the threads the engine keeps busy on its executor when it runs jobs: a fetcher and the
     *     workers of each queue it works, and one for each of its own loops
     */
    static int threadsNeeded(JobsConfig config, JobTypes types) {
        int threads = OWN_LOOPS;
        for (String queue : queues(config, types)) {
            int workers = config.workersFor(queue);
            threads += workers == 0 ? 0 : workers + 1;
        }
        return threads;
    }

    /** Restarts loops that died, each after the restart delay; every death is counted once. */
    void watch() {
        if (draining.get()) {
            return;
        }
        Instant now = clock.instant();
        for (EngineLoop loop : loops) {
            if (!loop.ended()) {
                continue;
            }
            if (loop.restartAt() == null) {
                loop.restartAt(now.plus(config.workerRestartDelay()));
                events.loopRestarted(loop.name());
                LOG.warning(() -> "eejobs loop " + loop.name() + " died; restarting it");
            } else if (!now.isBefore(loop.restartAt())) {
                submit(loop);
            }
        }
    }

    void start() {
        start(true);
    }

    private void submit(EngineLoop loop) {
        try {
            loop.started(executor.submit(loop));
        } catch (RejectedExecutionException e) {
            loop.restartAt(clock.instant().plus(config.workerRestartDelay()));
            LOG.log(Level.WARNING, "executor refused eejobs loop " + loop.name() + "; will retry", e);
        }
    }

    /**
     * Stops claiming, hands back jobs not yet started, lets running ones finish within
     * {@code grace}, then interrupts them and hands back whatever still runs. No attempt is lost.
     */
    void drain(Duration grace) {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        events.engineRunning(false);
        loops.forEach(EngineLoop::wake);
        wakeUps.signalAll();
        List<ClaimedJob> notStarted = new ArrayList<>();
        handoffs.forEach(h -> h.drainTo(notStarted));
        notStarted.forEach(job -> releaseQuietly(job));
        waiting.clear();
        try {
            if (!inFlight.awaitEmpty(grace)) {
                LOG.info(() -> inFlight.size() + " eejobs job(s) still running after the grace period; interrupting");
                inFlight.snapshot().forEach(JobExecution::interruptForShutdown);
                inFlight.awaitEmpty(AFTER_INTERRUPT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            completions.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write finished jobs; their leases will expire and they will rerun", e);
        }
        inFlight.snapshot().forEach(execution -> releaseQuietly(execution.job()));
        handBacks.retry();
        drained.set(true);
        listener.close();
        LOG.info(() -> "eejobs node " + owner + " drained");
    }

    private void releaseQuietly(ClaimedJob job) {
        try {
            store.release(job.id(), job.leaseToken());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not release job " + job.id() + "; its lease will expire instead", e);
        }
    }

    /** Stops the job if this node runs it or holds it for a worker: an operator asked to cancel it. */
    void cancelRequested(long id) {
        cancels.requested(id);
    }

    /**
     * @return where a job of the queue can start at its enqueue on this node; null if it works no
     *     such queue or its store cannot start a job at enqueue
     */
    LocalStart localStart(String queue) {
        return localStarts.get(queue);
    }

    EngineStatus status() {
        Map<String, Integer> busy = new HashMap<>();
        inFlight.snapshot().forEach(e -> busy.merge(e.job().queue(), 1, Integer::sum));
        List<EngineStatus.Queue> queues = workerCounts.entrySet().stream()
                .map(e -> new EngineStatus.Queue(e.getKey(), e.getValue(), busy.getOrDefault(e.getKey(), 0)))
                .toList();
        return new EngineStatus(true, !draining.get(), draining.get(),
                loops.stream().map(EngineLoop::status).toList(), queues, null);
    }

    boolean draining() {
        return draining.get();
    }

    int loopCount() {
        return loops.size();
    }

    /** @return loops submitted to the executor that never got a thread from it */
    long loopsWaitingForThread() {
        return loops.stream().filter(EngineLoop::waitingForThread).count();
    }

    int runningJobs() {
        return inFlight.size();
    }

    /** @return this node's name, as it signs the leases it takes */
    String owner() {
        return owner;
    }

    private static String nodeName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
