package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.NewJob;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Fires due recurring schedules. Every node runs one; the store's compare-and-set on the
 * schedule's next tick lets exactly one of them fire each tick, and the job's unique schedule key
 * backs that up. Ticks missed while no node ran are skipped, not replayed. Paused schedules are
 * not due; a tick whose previous job has not finished is skipped under the overlap policy
 * {@code skip} (decided by the store, in the tick's transaction).
 */
final class ScheduleFirer implements EngineLoop.Step {

    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(ScheduleFirer.class.getName());

    private final JobStore store;
    private final JobTypes types;
    private final Clock clock;
    private final JobEvents events;
    /** Schedules (name@tick) already reported as unable to fire, so the log says it once. */
    private final Set<String> unfireable = ConcurrentHashMap.newKeySet();

    ScheduleFirer(JobStore store, JobTypes types, Clock clock) {
        this(store, types, clock, JobEvents.none());
    }

    ScheduleFirer(JobStore store, JobTypes types, Clock clock, JobEvents events) {
        this.events = events;
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
            try {
                fire(schedule, type.get(), now);
            } catch (InvalidJobException | DateTimeException | ArithmeticException e) {
                // a row no declaration could have stored (edited by hand, or by a newer version):
                // it stays as it is, and the other schedules still fire
                if (unfireable.add(schedule.name() + "@" + schedule.nextFireAt())) {
                    LOG.warning(() -> "schedule " + schedule.name() + " cannot fire: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // Typically a lock timeout while another node fires the same tick: that node wins,
                // and if it did not, the tick is still due and the next pass fires it.
                LOG.fine(() -> "schedule " + schedule.name() + " not fired this pass: " + e);
            }
        }
        return due.size() == BATCH;
    }

    private void fire(ScheduleSpec schedule, RegisteredJobType type, Instant now) {
        Instant tick = schedule.nextFireAt();
        NewJob job = NewJobs.of(type, schedule.argumentJson(), JobOptions.defaults().runAt(tick), now,
                schedule.name() + "@" + tick.toEpochMilli());
        switch (store.fireSchedule(schedule.name(), tick, nextTick(schedule, now), job)) {
            case FIRED -> events.scheduleFired(schedule.name());
            case SKIPPED -> events.scheduleSkipped(schedule.name());
            case LOST -> { } // another node took the tick, or the schedule was paused meanwhile
        }
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
        if (intervalMillis <= 0) {
            throw new ArithmeticException("interval of " + intervalMillis + " ms");
        }
        Duration interval = Duration.ofMillis(intervalMillis);
        long behind = Duration.between(tick, now).toMillis() / intervalMillis;
        return tick.plus(interval.multipliedBy(behind + 1));
    }
}
