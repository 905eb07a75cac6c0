package dev.eejobs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;

/** Makes the configuration and the engine clock injectable. */
@ApplicationScoped
class ConfigProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    JobsConfig jobsConfig() {
        return new JobsConfig(key -> config.getOptionalValue(key, String.class));
    }

    /** The engine's only source of time; tests construct engine steps with a fixed clock instead. */
    @Produces
    @Singleton
    @EngineClock
    Clock clock() {
        return Clock.systemUTC();
    }
}
