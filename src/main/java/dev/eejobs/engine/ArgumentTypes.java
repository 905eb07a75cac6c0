package dev.eejobs.engine;

import dev.eejobs.api.Job;
import jakarta.json.bind.annotation.JsonbCreator;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a job bean's argument type and checks at deployment that JSON-B can read it back, so a
 * job that could be enqueued but never run fails the deployment instead.
 */
final class ArgumentTypes {

    private ArgumentTypes() {}

    /** @return the {@code A} of {@code Job<A>} as implemented by {@code beanClass} */
    static Optional<Type> of(Class<?> beanClass) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Job.class) {
                    Type arg = p.getActualTypeArguments()[0];
                    return arg instanceof TypeVariable<?> ? Optional.empty() : Optional.of(arg);
                }
            }
        }
        return Optional.empty();
    }

    /** @return why JSON-B could not deserialise {@code type}, or empty when it can */
    static Optional<String> problem(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : null;
        if (raw == null) {
            return Optional.of("a wildcard or type variable has no JSON form");
        }
        if (raw.isPrimitive() || raw.isEnum() || raw.isRecord() || raw.isArray() || raw == String.class
                || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class
                || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                || raw.getName().startsWith("java.time.") || raw.getName().startsWith("java.util.")) {
            return Optional.empty();
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return Optional.of(raw.getName() + " is abstract: JSON-B cannot tell which class to create");
        }
        if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
            return Optional.of(raw.getName() + " is an inner class: make it static or a record");
        }
        for (Constructor<?> c : raw.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(JsonbCreator.class)
                    || (c.getParameterCount() == 0 && !Modifier.isPrivate(c.getModifiers()))) {
                return Optional.empty();
            }
        }
        for (Method m : raw.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonbCreator.class) && Modifier.isStatic(m.getModifiers())) {
                return Optional.empty();
            }
        }
        return Optional.of(raw.getName()
                + " has neither a no-argument constructor nor a @JsonbCreator: make it a record or add one");
    }
}
