package dev.eejobs.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;

/**
 * Starts the engine when the application is up, from the web module's context rather than the
 * supervisor's EJB context. A managed task runs with the context it was submitted in, and
 * Payara does not enlist the JDBC connections a task opens in the transactions it begins when
 * that context is an EJB's: every statement of the engine would then commit on its own. The
 * executor is handed over behind a contextual proxy made here, so loops the supervisor's timer
 * restarts later get the same context.
 */
@ApplicationScoped
class EngineLauncher {

    @Resource(lookup = JobSupervisor.EXECUTOR)
    ManagedExecutorService executor;

    @Resource
    ContextService contexts;

    @Inject
    JobSupervisor supervisor;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        supervisor.launch(contexts.createContextualProxy(executor, ExecutorService.class));
    }
}
