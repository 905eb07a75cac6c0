package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Backoff;
import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.TimeLimits;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers every CDI bean that implements {@link Job} as a job type, and fails the deployment
 * when two share a name, an annotation value is invalid, or the argument type cannot round-trip
 * through JSON. Public only because CDI loads extensions through {@link java.util.ServiceLoader}.
 */
public class JobTypeExtension implements Extension {

    private final Map<String, JobTypeDefinition> byName = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    @SuppressWarnings("unchecked")
    <T> void onBean(@Observes ProcessManagedBean<T> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        if (!Job.class.isAssignableFrom(beanClass)) {
            return;
        }
        BackgroundJob annotation = beanClass.getAnnotation(BackgroundJob.class);
        if (annotation == null) {
            problems.add(beanClass.getName() + " implements Job but has no @BackgroundJob(name = ...)");
            return;
        }
        checkAnnotation(beanClass, annotation);
        Optional<Type> argument = ArgumentTypes.of(beanClass);
        if (argument.isEmpty()) {
            problems.add(beanClass.getName() + " must implement Job<A> with a concrete argument type A");
            return;
        }
        ArgumentTypes.problem(argument.get()).ifPresent(p ->
                problems.add("job type '" + annotation.name() + "' (" + beanClass.getName()
                        + ") has an argument that cannot round-trip through JSON: " + p));
        JobTypeDefinition def = new JobTypeDefinition((Class<? extends Job<?>>) beanClass, annotation, argument.get());
        JobTypeDefinition clash = byName.putIfAbsent(annotation.name(), def);
        if (clash != null && clash.beanClass() != beanClass) {
            problems.add("two job types are named '" + annotation.name() + "': "
                    + clash.beanClass().getName() + " and " + beanClass.getName());
        }
    }

    private void checkAnnotation(Class<?> beanClass, BackgroundJob a) {
        String where = "@BackgroundJob on " + beanClass.getName() + ": ";
        try {
            if (a.name().isBlank() || a.name().length() > 200 || !a.name().matches("[A-Za-z0-9._:-]+")) {
                throw new InvalidJobException("name", "must be 1-200 letters, digits, '.', '_', ':' or '-', was '"
                        + a.name() + "'");
            }
            if (!a.queue().isEmpty()) {
                JobOptions.validQueue("queue", a.queue());
            }
            if (a.maxRetries() != BackgroundJob.INHERIT) {
                JobOptions.validRetries("maxRetries", a.maxRetries());
            }
            if (!a.backoff().isEmpty()) {
                Backoff.parse(a.backoff());
            }
            if (!a.heartbeat().isEmpty()) {
                JobOptions.validHeartbeat("heartbeat", DurationText.parse("heartbeat", a.heartbeat()));
            }
            if (!a.uniqueKey().isEmpty()) {
                JobOptions.validUniqueKey("uniqueKey", a.uniqueKey());
            }
            if (!a.uniqueFor().isEmpty()) {
                TimeLimits.duration("uniqueFor", DurationText.parse("uniqueFor", a.uniqueFor()));
            }
            if (!a.timeout().isEmpty()) {
                JobOptions.validTimeout("timeout", DurationText.parse("timeout", a.timeout()));
            }
        } catch (InvalidJobException e) {
            problems.add(where + e.getMessage());
        }
    }

    void afterDiscovery(@Observes AfterBeanDiscovery event) {
        for (String problem : problems) {
            event.addDefinitionError(new DefinitionException(problem));
        }
    }

    /**
     * @param name a job type name
     * @return whether a registered type of that name opted in to HTTP enqueue
     */
    public boolean acceptsHttpEnqueue(String name) {
        JobTypeDefinition def = byName.get(name);
        return def != null && def.annotation().httpEnqueue();
    }

    /**
     * @param name a job type name
     * @return whether this node registered a type of that name
     */
    public boolean isRegistered(String name) {
        return byName.containsKey(name);
    }

    List<JobTypeDefinition> definitions() {
        return List.copyOf(byName.values());
    }
}
