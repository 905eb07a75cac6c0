package dev.eejobs.engine;

import dev.eejobs.config.EngineClock;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.config.ServerResources;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.NodeRegistry;
import dev.eejobs.store.Schema;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the engine of this node, as a singleton started with the application: {@link EngineStarter}
 * (a servlet context listener that comes with the jar) calls {@link #start} once the web module is
 * initialised and {@link #stop} when it goes away. Start applies the schema migrations (unless
 * {@code jobs.migrate=false}) and runs, on the ManagedExecutorService {@code jobs.executor} names,
 * one fetcher and {@code jobs.workers} workers per queue plus the heartbeat, lease reaper,
 * schedule firer and pruner loops. A fetcher claims due jobs for idle workers in one statement and
 * hands them over; a worker runs the job bean and records the outcome with its lease token; the
 * heartbeat renews leases (timed by the database's clock) from its own thread; the lease watch
 * stops, by this node's monotonic clock, attempts whose lease could not be renewed in time; the
 * reaper takes back leases that expired on dead or cut-off nodes, counting the attempt only if it
 * had started; the firer turns stored schedules into jobs, one per tick across the cluster. A watchdog on the server's default ManagedScheduledExecutorService restarts loops
 * that died every second, and retries a start that failed (database down, executor missing)
 * every {@link #RETRY} — the reason is logged once and shown by the startup health check. Stop
 * drains: stop claiming, let running jobs finish within {@code jobs.shutdown-grace}, interrupt,
 * hand back the rest. Nothing here is an EJB, so the module runs where EJB timers are absent.
 */
@ApplicationScoped
public class JobSupervisor {

    /** Pause between attempts to start an engine that could not start. */
    static final Duration RETRY = Duration.ofSeconds(10);
    /** How long every loop has to get a thread before the executor is reported as too small. */
    static final Duration LOOPS_STARTED_WITHIN = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class.getName());

    /** Runs the watchdog; the server's default, as a single periodic task needs nothing else. */
    static final String TIMER = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    PendingSchedules pendingSchedules;

    @Inject
    JobsConfig config;

    @Inject
    JobStore store;

    @Inject
    JobTypes types;

    @Inject
    JobInvoker invoker;

    @Inject
    WakeUps wakeUps;

    @Inject
    JobEventBus events;

    @Inject
    @EngineClock
    Clock clock;

    @Inject
    Schema schema;

    @Inject
    NodeRegistry nodes;

    private volatile Engine engine;
    private volatile String problem;
    private volatile boolean stopped;
    private Instant nextAttempt;
    private Instant launchedAt;
    private ScheduledFuture<?> watchdog;
    private volatile NodeRegistration registration;

    /**
     * Starts the engine (once); a start that fails is retried by the watchdog. Called on the
     * thread that initialises the web module, whose naming context the lookups need.
     */
    public synchronized void start() {
        if (stopped || watchdog != null) {
            return;
        }
        refuseTooFewThreads();
        tryLaunch();
        watchdog = ServerResources.lookup(TIMER, ManagedScheduledExecutorService.class, null)
                .scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A node with more workers than its executor has threads would leave queues unworked without
     * failing; a configuration mistake, so it stops the deployment like an invalid key does.
     */
    private void refuseTooFewThreads() {
        Engine.threadShortage(config, types).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
    }

    private synchronized void tryLaunch() {
        if (stopped || engine != null) {
            return;
        }
        try {
            schema.ensureCurrent();
            Engine e = new Engine(config, store, types, invoker, wakeUps, events, clock, executor());
            e.start(config.enabled());
            engine = e;
            launchedAt = clock.instant();
            registration = new NodeRegistration(nodes, clock, config.heartbeat());
            problem = null;
        } catch (RuntimeException e) {
            String why = reason(e);
            if (!why.equals(problem)) {
                LOG.log(Level.SEVERE, "eejobs engine not started: " + why + "; trying again every "
                        + RETRY.toSeconds() + "s", LOG.isLoggable(Level.FINE) ? e : null);
            }
            problem = why;
            nextAttempt = clock.instant().plus(RETRY);
        }
    }

    private ExecutorService executor() {
        return ServerResources.lookup(config.executor(), ManagedExecutorService.class, "jobs.executor");
    }

    /** Every second: start an engine that could not start yet, else restart loops that died. */
    private void watch() {
        try {
            Engine e = engine;
            if (e == null) {
                boolean due;
                synchronized (this) {
                    due = nextAttempt != null && !clock.instant().isBefore(nextAttempt);
                }
                if (due) {
                    tryLaunch();
                }
                return;
            }
            e.watch();
            if (pendingSchedules.count() > 0) {
                pendingSchedules.storeAll();
            }
            reportStarvedLoops(e);
            registration.renewIfDue(e.owner(), launchedAt, e.status());
        } catch (Throwable t) { // the watchdog itself must never die
            LOG.log(Level.WARNING, "eejobs watchdog pass failed", t);
        }
    }

    /** A loop that never got a thread means the executor is smaller than the engine. */
    private void reportStarvedLoops(Engine e) {
        if (launchedAt == null || clock.instant().isBefore(launchedAt.plus(LOOPS_STARTED_WITHIN))) {
            return;
        }
        long waiting = e.loopsWaitingForThread();
        String starved = waiting == 0 ? null : "the executor " + config.executor() + " (jobs.executor) gave "
                + waiting + " of the engine's " + e.loopCount() + " loops no thread within "
                + LOOPS_STARTED_WITHIN.toSeconds() + "s; give it at least " + e.loopCount()
                + " threads, or fewer workers (jobs.workers)";
        if (starved != null && !starved.equals(problem)) {
            LOG.severe("eejobs engine not fully started: " + starved);
        }
        problem = starved;
    }

    private static String reason(Throwable e) {
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !why.toString().contains(c.getMessage())) {
                why.append(": ").append(c.getMessage());
            }
        }
        return why.toString();
    }

    /**
     * An operator asked to cancel the job: if this node runs it (or holds it for a worker), it is
     * stopped now rather than at its next heartbeat. Other nodes learn of it from the database.
     */
    void cancelRequested(long id) {
        Engine e = engine;
        if (e != null) {
            e.cancelRequested(id);
        }
    }

    /** @return where a job of the queue can start at its enqueue on this node; null while no engine runs the queue here */
    LocalStart localStart(String queue) {
        Engine e = engine;
        return e == null ? null : e.localStart(queue);
    }

    /** @return this node's engine as health checks and gauges see it */
    public EngineStatus status() {
        Engine e = engine;
        return e == null ? EngineStatus.stopped(schema.isCurrent(), problem) : e.status().withProblem(problem);
    }

    /** Drains the engine; called when the web module stops (and, at the latest, when this bean goes). */
    public void stop() {
        ScheduledFuture<?> w;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            w = watchdog;
        }
        if (w != null) {
            w.cancel(false);
        }
        Engine e = engine;
        if (e != null) {
            registration.draining(e.owner(), launchedAt, e.status());
            e.drain(config.shutdownGrace());
            registration.leave(e.owner());
        }
    }

    /** @return this node's name in the node registry and on its leases, or null while the engine is not running */
    public String nodeName() {
        Engine e = engine;
        return e == null ? null : e.owner();
    }

    @PreDestroy
    void destroy() {
        stop();
    }
}
