package dev.eejobs.engine;

import dev.eejobs.api.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

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

    @Override
    @ActivateRequestContext
    @SuppressWarnings("unchecked")
    public void invoke(RegisteredJobType type, JobExecution execution) throws Exception {
        Object argument = codec.read(execution.job().argumentJson(), type.argumentType());
        Instance.Handle<? extends Job<?>> handle = beans.select(type.beanClass()).getHandle();
        try {
            ((Job<Object>) handle.get()).run(argument, execution);
        } finally {
            if (handle.getBean().getScope() == Dependent.class) {
                handle.destroy();
            }
        }
    }
}
