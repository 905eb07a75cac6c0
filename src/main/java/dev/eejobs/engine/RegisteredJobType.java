package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Backoff;
import dev.eejobs.api.DurationText;
import dev.eejobs.api.Job;
import dev.eejobs.config.JobsConfig;
import java.lang.reflect.Type;
import java.time.Duration;

/**
 * A job type with its defaults resolved: annotation values where set, else the global
 * configuration. Per-call options are applied on top at enqueue time. {@code timeout} is null
 * for no limit.
 */
record RegisteredJobType(
        String name,
        Class<? extends Job<?>> beanClass,
        Type argumentType,
        String queue,
        int maxRetries,
        Backoff backoff,
        Duration heartbeat,
        int priority,
        String uniqueKey,
        Duration uniqueFor,
        Duration timeout) {

    static RegisteredJobType resolve(JobTypeDefinition def, JobsConfig config) {
        BackgroundJob a = def.annotation();
        return new RegisteredJobType(
                a.name(),
                def.beanClass(),
                def.argumentType(),
                a.queue().isEmpty() ? config.defaultQueue() : a.queue(),
                a.maxRetries() == BackgroundJob.INHERIT ? config.maxRetries() : a.maxRetries(),
                a.backoff().isEmpty() ? config.backoff() : Backoff.parse(a.backoff()),
                a.heartbeat().isEmpty() ? config.heartbeat() : DurationText.parse("heartbeat", a.heartbeat()),
                a.priority(),
                a.uniqueKey().isEmpty() ? null : a.uniqueKey(),
                a.uniqueFor().isEmpty() ? null : DurationText.parse("uniqueFor", a.uniqueFor()),
                a.timeout().isEmpty() ? config.timeout() : DurationText.parse("timeout", a.timeout()));
    }
}
