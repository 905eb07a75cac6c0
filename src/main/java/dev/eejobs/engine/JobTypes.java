package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.config.JobsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The job types this node has registered, by name and by bean class. */
@ApplicationScoped
class JobTypes {

    @Inject
    JobTypeExtension extension;

    @Inject
    JobsConfig config;

    private final Map<String, RegisteredJobType> byName = new LinkedHashMap<>();
    private final Map<Class<?>, RegisteredJobType> byClass = new LinkedHashMap<>();

    JobTypes() {}

    /** For tests: a registry of the given types. */
    JobTypes(Collection<RegisteredJobType> types) {
        types.forEach(this::add);
    }

    @PostConstruct
    void register() {
        extension.definitions().forEach(def -> add(RegisteredJobType.resolve(def, config)));
    }

    private void add(RegisteredJobType type) {
        byName.put(type.name(), type);
        byClass.put(type.beanClass(), type);
    }

    Optional<RegisteredJobType> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    RegisteredJobType byClass(Class<?> beanClass) {
        RegisteredJobType type = byClass.get(beanClass);
        if (type == null) {
            throw new InvalidJobException("type", beanClass.getName()
                    + " is not a registered job type: it needs @BackgroundJob and a CDI scope such as @ApplicationScoped");
        }
        return type;
    }

    RegisteredJobType require(String name) {
        return byName(name).orElseThrow(() -> new InvalidJobException("type",
                "no job type named " + quoted(name) + " is registered; known: " + byName.keySet()));
    }

    /** Echoes a name from outside, cut short: an error message is not a place to reflect a whole request. */
    static String quoted(String name) {
        return name == null ? "null" : "'" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'";
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** @return every queue a registered type runs on, by default */
    Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>();
        byName.values().forEach(t -> queues.add(t.queue()));
        return queues;
    }
}
