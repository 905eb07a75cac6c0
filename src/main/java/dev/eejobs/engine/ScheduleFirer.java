package dev.eejobs.engine;

import dev.eejobs.api.JobOptions;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.ScheduleSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Logger;

/**
 * Fires due recurring schedules. Every node runs one; the store's compare-and-set on the
 * schedule's next tick lets exactly one of them fire each tick, and the job's unique schedule key
 * backs that up. Ticks missed while no node ran are skipped, not replayed.
 */
final class ScheduleFirer implements EngineLoop.Step {

    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(ScheduleFirer.class.getName());

    private final JobStore store;
    private final JobTypes types;
    private final Clock clock;

    ScheduleFirer(JobStore store, JobTypes types, Clock clock) {
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    @Override
    public boolean runOnce() {
        Instant now = clock.instant();
        List<ScheduleSpec> due = store.dueSchedules(now, BATCH);
        for (ScheduleSpec schedule : due) {
            var type = types.byName(schedule.type());
            if (type.isEmpty()) {
                LOG.fine(() -> "schedule " + schedule.name() + " fires unknown type " + schedule.type()
                        + "; leaving it to a node that has it");
                continue;
            }
            Instant tick = schedule.nextFireAt();
            NewJob job = NewJobs.of(type.get(), schedule.argumentJson(),
                    JobOptions.defaults().runAt(tick), now, schedule.name() + "@" + tick.toEpochMilli());
            try {
                store.fireSchedule(schedule.name(), tick, nextTick(schedule, now), job);
            } catch (RuntimeException e) {
                // Typically a lock timeout while another node fires the same tick: that node wins,
                // and if it did not, the tick is still due and the next pass fires it.
                LOG.fine(() -> "schedule " + schedule.name() + " not fired this pass: " + e);
            }
        }
        return due.size() == BATCH;
    }

    /** @return the schedule's first tick after {@code now} */
    static Instant nextTick(ScheduleSpec schedule, Instant now) {
        if (schedule.cron() != null) {
            return CronExpression.parse(schedule.cron()).nextAfter(now, ZoneId.of(schedule.zone()));
        }
        return nextTick(schedule.nextFireAt(), schedule.intervalMillis(), now);
    }

    /** @return the first tick after {@code now} on the grid of {@code tick} plus whole intervals */
    static Instant nextTick(Instant tick, long intervalMillis, Instant now) {
        Duration interval = Duration.ofMillis(intervalMillis);
        long behind = Duration.between(tick, now).toMillis() / intervalMillis;
        return tick.plus(interval.multipliedBy(behind + 1));
    }
}
