package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import java.lang.reflect.Type;

/**
 * A job bean as found at deployment: its class, annotation and argument type, before the global
 * defaults are applied.
 */
record JobTypeDefinition(Class<? extends Job<?>> beanClass, BackgroundJob annotation, Type argumentType) {

    String name() {
        return annotation.name();
    }
}
