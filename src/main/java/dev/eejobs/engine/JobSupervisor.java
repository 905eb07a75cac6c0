package dev.eejobs.engine;

import dev.eejobs.config.EngineClock;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.jpa.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Owns the engine of this node. At startup it applies the schema migrations (unless
 * {@code jobs.migrate=false}); when the application is up it starts, on the module's managed
 * executor, one fetcher and {@code jobs.workers} workers per queue plus the heartbeat, lease
 * reaper, schedule firer and pruner loops. A fetcher claims due jobs for idle workers in one statement and hands them over;
 * a worker runs the job bean and records the outcome with its lease token; the heartbeat renews
 * leases from its own thread; the reaper takes back leases that expired on dead nodes and counts
 * the attempt; the firer turns stored schedules into jobs, one per tick across the cluster. Every
 * second a timer restarts loops that died. On undeploy or shutdown it drains: stop claiming, let
 * running jobs finish within {@code jobs.shutdown-grace}, interrupt, hand back the rest.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ManagedExecutorDefinition(name = JobSupervisor.EXECUTOR, maxAsync = JobSupervisor.MAX_THREADS)
public class JobSupervisor {

    static final String EXECUTOR = "java:app/concurrent/eejobs";
    /** Upper bound on engine threads: enough for 16 queues of 16 workers plus the shared loops. */
    static final int MAX_THREADS = 300;

    @Resource
    TimerService timers;

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
    SchemaMigrator migrator;

    private volatile Engine engine;
    private Timer watchTimer;
    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        if (config.migrate()) {
            migrator.migrate();
        }
        migrated = true;
    }

    /**
     * Starts the engine once; {@link EngineLauncher} calls it when the application is up.
     *
     * @param loopExecutor the managed executor seen through a contextual proxy of the web module:
     *     tasks submitted from this EJB would run with its component context, in which the
     *     container does not enlist JDBC connections in the transactions the loops begin
     */
    public synchronized void launch(ExecutorService loopExecutor) {
        if (engine != null) {
            return;
        }
        engine = new Engine(config, store, types, invoker, wakeUps, events, clock, loopExecutor);
        engine.start(config.enabled());
        watchTimer = timers.createIntervalTimer(1_000, 1_000, new TimerConfig("eejobs-watch", false));
    }

    /** @return this node's engine as health checks and gauges see it */
    public EngineStatus status() {
        Engine e = engine;
        return e == null ? EngineStatus.stopped(migrated) : e.status();
    }

    @Timeout
    void watch() {
        if (engine != null) {
            engine.watch();
        }
    }

    @PreDestroy
    void stop() {
        if (watchTimer != null) {
            try {
                watchTimer.cancel();
            } catch (RuntimeException e) {
                // the container may have cancelled it already
            }
        }
        if (engine != null) {
            engine.drain(config.shutdownGrace());
        }
    }
}
