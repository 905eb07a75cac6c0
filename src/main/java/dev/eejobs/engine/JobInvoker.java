package dev.eejobs.engine;

import dev.eejobs.api.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one attempt of a job bean: reads the argument, obtains the bean from CDI and calls it with
 * a request context active, so request-scoped beans work inside jobs as they do in a resource.
 */
@ApplicationScoped
class JobInvoker implements AttemptRunner.Invoker {

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    ArgumentCodec codec;

    /**
     * Resolved once per job class: a normal-scoped bean's client proxy serves every call; a
     * {@code @Dependent} bean is made (and destroyed) per attempt, as CDI requires.
     */
    private final Map<Class<?>, Instance<? extends Job<?>>> resolved = new ConcurrentHashMap<>();
    private final Map<Class<?>, Job<?>> shared = new ConcurrentHashMap<>();

    @Override
    @ActivateRequestContext
    @SuppressWarnings("unchecked")
    public void invoke(RegisteredJobType type, JobExecution execution) throws Exception {
        Object argument = codec.read(execution.job().argumentJson(), type.argumentType());
        Job<?> proxy = shared.get(type.beanClass());
        if (proxy != null) {
            ((Job<Object>) proxy).run(argument, execution);
            return;
        }
        Instance.Handle<? extends Job<?>> handle = resolved
                .computeIfAbsent(type.beanClass(), c -> beans.select(type.beanClass())).getHandle();
        if (handle.getBean().getScope() != Dependent.class) {
            shared.put(type.beanClass(), handle.get());
            ((Job<Object>) handle.get()).run(argument, execution);
            return;
        }
        try {
            ((Job<Object>) handle.get()).run(argument, execution);
        } finally {
            handle.destroy();
        }
    }
}
