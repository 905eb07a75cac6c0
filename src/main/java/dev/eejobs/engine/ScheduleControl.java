package dev.eejobs.engine;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operator's hand on a stored schedule: pause it (stored, so every node and every restart sees
 * it), resume it at its next tick after now, or fire it once now without moving its ticks.
 */
@ApplicationScoped
class ScheduleControl {

    @Inject
    JobStore store;

    @Inject
    JobQueries queries;

    @Inject
    JobTypes types;

    @Inject
    WakeUps wakeUps;

    @Inject
    JobEventBus events;

    @Inject
    @EngineClock
    Clock clock;

    @Inject
    Schema schema;

    boolean pause(String name) {
        schema.ensureCurrent();
        return store.pauseSchedule(name);
    }

    /** A schedule resumed before its stored tick keeps it; one whose tick passed moves past now. */
    boolean resume(String name) {
        schema.ensureCurrent();
        Optional<ScheduleSpec> stored = queries.schedule(name);
        if (stored.isEmpty()) {
            return false;
        }
        ScheduleSpec schedule = stored.get();
        Instant now = clock.instant();
        Instant next = schedule.nextFireAt().isAfter(now) ? schedule.nextFireAt() : ScheduleFirer.nextTick(schedule, now);
        store.resumeSchedule(name, next);
        return true;
    }

    Optional<JobId> trigger(String name) {
        schema.ensureCurrent();
        Optional<ScheduleSpec> stored = queries.schedule(name);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        RegisteredJobType type = types.require(stored.get().type());
        Instant now = clock.instant();
        NewJob job = NewJobs.of(type, stored.get().argumentJson(), JobOptions.defaults(), now, null);
        var id = store.triggerSchedule(name, job, now);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        wakeUps.signalAfterCommit(List.of(job.queue()));
        events.enqueued(job.type(), job.queue(), 1);
        return Optional.of(new JobId(id.getAsLong()));
    }
}
