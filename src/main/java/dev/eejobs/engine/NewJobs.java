package dev.eejobs.engine;

import dev.eejobs.api.JobOptions;
import dev.eejobs.api.TimeLimits;
import dev.eejobs.store.NewJob;
import java.time.Instant;
import java.util.Optional;

/** Captures a job's policy at enqueue time: call options over the type's resolved defaults. */
final class NewJobs {

    private NewJobs() {}

    static NewJob of(RegisteredJobType type, String argumentJson, JobOptions options, Instant now, String scheduleKey) {
        // a delay's run-at must fit the same bounds as one given outright (TimeLimits)
        Instant runAt = options.runAt()
                .orElseGet(() -> TimeLimits.runAt("delay", options.delay().map(now::plus).orElse(now)));
        return new NewJob(
                type.name(),
                options.queue().orElse(type.queue()),
                argumentJson,
                options.priority().orElse(type.priority()),
                runAt,
                now,
                options.maxRetries().orElse(type.maxRetries()),
                options.backoff().orElse(type.backoff()).toString(),
                options.heartbeat().orElse(type.heartbeat()).toMillis(),
                scheduleKey,
                options.timeout().or(() -> Optional.ofNullable(type.timeout())).map(d -> d.toMillis())
                        .orElse(0L));
    }
}
