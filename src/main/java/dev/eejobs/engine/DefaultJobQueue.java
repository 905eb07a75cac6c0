package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobBatch;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The injectable {@link JobQueue}. Everything is validated and serialised before the store is
 * called, so a refused request writes nothing; the store joins the caller's transaction.
 */
@ApplicationScoped
class DefaultJobQueue implements JobQueue {

    @Inject
    JobTypes types;

    @Inject
    ArgumentCodec codec;

    @Inject
    JobStore store;

    @Inject
    WakeUps wakeUps;

    @Inject
    JobEventBus events;

    @Inject
    JsonSchedules schedules;

    @Inject
    @EngineClock
    Clock clock;

    @Inject
    Schema schema;

    @Inject
    ScheduleControl scheduleControl;

    @Override
    public <A> JobId enqueue(Class<? extends Job<A>> type, A argument) {
        return enqueue(type, argument, JobOptions.defaults());
    }

    @Override
    public <A> JobId enqueue(Class<? extends Job<A>> type, A argument, JobOptions options) {
        return enqueueAll(type, List.of(nonNull(argument)), options).get(0);
    }

    @Override
    public JobId enqueueJson(String typeName, String argumentJson, JobOptions options) {
        RegisteredJobType type = types.require(typeName);
        String json = codec.normalise(argumentJson, type.argumentType());
        return insert(List.of(NewJobs.of(type, json, nonNull(options), clock.instant(), null))).get(0);
    }

    @Override
    public List<JobId> enqueueAllJson(String typeName, List<String> argumentsJson, JobOptions options) {
        RegisteredJobType type = types.require(typeName);
        Optional<List<String>> canonical = argumentsJson == null ? Optional.empty()
                : codec.normaliseAll(argumentsJson, type.argumentType());
        if (canonical.isPresent()) {
            return insertAll(type, canonical.get(), options, (json, i) -> json);
        }
        return insertAll(type, argumentsJson, options, (json, i) -> {
            try {
                return codec.normalise(json, type.argumentType());
            } catch (InvalidJobException e) {
                throw new InvalidJobException("arguments[" + i + "]", e.reason());
            }
        });
    }

    @Override
    public <A> JobId schedule(Class<? extends Job<A>> type, A argument, Instant runAt) {
        return enqueue(type, argument, JobOptions.defaults().runAt(runAt));
    }

    @Override
    public <A> List<JobId> enqueueAll(Class<? extends Job<A>> type, List<? extends A> arguments, JobOptions options) {
        RegisteredJobType registered = types.byClass(type);
        return insertAll(registered, arguments, options,
                (argument, i) -> codec.write(nonNull(argument), registered.argumentType()));
    }

    /** Turns one argument, at its position in the batch, into the JSON to store. */
    private interface ArgumentJson<T> {
        String of(T argument, int index);
    }

    /** Checks and serialises every argument first, then stores them all in one insert. */
    private <T> List<JobId> insertAll(RegisteredJobType type, List<? extends T> arguments, JobOptions options,
            ArgumentJson<T> json) {
        return insert(newJobs(type, arguments, options, json));
    }

    private <T> List<NewJob> newJobs(RegisteredJobType type, List<? extends T> arguments, JobOptions options,
            ArgumentJson<T> json) {
        if (arguments == null || arguments.isEmpty()) {
            throw new InvalidJobException("arguments", "must hold at least one argument");
        }
        nonNull(options);
        Instant now = clock.instant();
        List<NewJob> jobs = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            jobs.add(NewJobs.of(type, json.of(arguments.get(i), i), options, now, null));
        }
        return jobs;
    }

    private List<JobId> insert(List<NewJob> jobs) {
        schema.ensureCurrent(); // an enqueue at the application's own startup may come before the engine's
        List<Long> ids = store.insert(jobs);
        NewJob first = jobs.get(0);
        if (jobs.size() == 1) { // one-by-one enqueue, the most frequent call: no streams
            wakeUps.signalAfterCommit(List.of(first.queue()));
            events.enqueued(first.type(), first.queue(), 1);
            return List.of(new JobId(ids.get(0)));
        }
        wakeUps.signalAfterCommit(jobs.stream().map(NewJob::queue).toList());
        if (jobs.stream().allMatch(j -> j.queue().equals(first.queue()))) {
            events.enqueued(first.type(), first.queue(), jobs.size());
        } else {
            jobs.forEach(j -> events.enqueued(j.type(), j.queue(), 1));
        }
        return ids.stream().map(JobId::new).toList();
    }

    @Override
    public <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument) {
        every(name, interval, type, argument, ScheduleOverlap.SKIP);
    }

    @Override
    public <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument,
            ScheduleOverlap overlap) {
        RegisteredJobType registered = types.byClass(type);
        schedules.saveEvery(name, "interval", interval, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()), overlap);
    }

    @Override
    public <A> void cron(String name, String expression, ZoneId zone, Class<? extends Job<A>> type, A argument) {
        cron(name, expression, zone, type, argument, ScheduleOverlap.SKIP);
    }

    @Override
    public <A> void cron(String name, String expression, ZoneId zone, Class<? extends Job<A>> type, A argument,
            ScheduleOverlap overlap) {
        RegisteredJobType registered = types.byClass(type);
        schedules.saveCron(name, expression, zone, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()), overlap);
    }

    @Override
    public boolean pauseSchedule(String name) {
        return scheduleControl.pause(name);
    }

    @Override
    public boolean resumeSchedule(String name) {
        return scheduleControl.resume(name);
    }

    @Override
    public Optional<JobId> triggerSchedule(String name) {
        return scheduleControl.trigger(name);
    }

    @Override
    public <A> JobId enqueueAfter(JobId parent, Class<? extends Job<A>> type, A argument) {
        return enqueueAfter(parent, type, argument, JobOptions.defaults());
    }

    @Override
    public <A> JobId enqueueAfter(JobId parent, Class<? extends Job<A>> type, A argument, JobOptions options) {
        RegisteredJobType registered = types.byClass(type);
        return insertAfter(parent, NewJobs.of(registered, codec.write(nonNull(argument), registered.argumentType()),
                nonNull(options), clock.instant(), null));
    }

    @Override
    public JobId enqueueJsonAfter(JobId parent, String typeName, String argumentJson, JobOptions options) {
        RegisteredJobType type = types.require(typeName);
        String json = codec.normalise(argumentJson, type.argumentType());
        return insertAfter(parent, NewJobs.of(type, json, nonNull(options), clock.instant(), null));
    }

    private JobId insertAfter(JobId parent, NewJob job) {
        if (parent == null) {
            throw new InvalidJobException("after", "must name the job to wait for");
        }
        schema.ensureCurrent();
        long id = store.insertAfter(parent.value(), job, job.enqueuedAt())
                .orElseThrow(() -> new InvalidJobException("after", "no job with id " + parent + " is stored"));
        wakeUps.signalAfterCommit(List.of(job.queue())); // QUEUED at once when the parent already succeeded
        events.enqueued(job.type(), job.queue(), 1);
        return new JobId(id);
    }

    @Override
    public <A, B> JobBatch enqueueAll(Class<? extends Job<A>> type, List<? extends A> arguments, JobOptions options,
            Class<? extends Job<B>> onCompleteType, B onCompleteArgument) {
        RegisteredJobType registered = types.byClass(type);
        RegisteredJobType last = types.byClass(onCompleteType);
        List<NewJob> members = newJobs(registered, arguments, options,
                (argument, i) -> codec.write(nonNull(argument), registered.argumentType()));
        return insertBatch(members, NewJobs.of(last, codec.write(nonNull(onCompleteArgument), last.argumentType()),
                JobOptions.defaults(), members.get(0).enqueuedAt(), null));
    }

    @Override
    public JobBatch enqueueAllJson(String typeName, List<String> argumentsJson, JobOptions options,
            String onCompleteType, String onCompleteArgumentJson) {
        RegisteredJobType type = types.require(typeName);
        RegisteredJobType last;
        String lastJson;
        try {
            last = types.require(onCompleteType);
            lastJson = codec.normalise(onCompleteArgumentJson, last.argumentType());
        } catch (InvalidJobException e) {
            throw new InvalidJobException("onComplete", e.reason());
        }
        List<NewJob> members = newJobs(type, argumentsJson, options, (json, i) -> {
            try {
                return codec.normalise(json, type.argumentType());
            } catch (InvalidJobException e) {
                throw new InvalidJobException("arguments[" + i + "]", e.reason());
            }
        });
        return insertBatch(members, NewJobs.of(last, lastJson, JobOptions.defaults(), members.get(0).enqueuedAt(),
                null));
    }

    private JobBatch insertBatch(List<NewJob> members, NewJob onComplete) {
        schema.ensureCurrent();
        List<Long> ids = store.insertBatch(members, onComplete);
        wakeUps.signalAfterCommit(members.stream().map(NewJob::queue).distinct().toList());
        members.forEach(j -> events.enqueued(j.type(), j.queue(), 1));
        events.enqueued(onComplete.type(), onComplete.queue(), 1);
        return new JobBatch(new JobId(ids.get(ids.size() - 1)),
                ids.subList(0, members.size()).stream().map(JobId::new).toList());
    }

    @Override
    public Map<JobState, Long> batchCounts(JobId batch) {
        return store.batchCounts(batch.value());
    }

    @Override
    public boolean cancelSchedule(String name) {
        return store.deleteSchedule(name);
    }

    @Override
    public Optional<JobInfo> find(JobId id) {
        return store.find(id.value());
    }

    @Override
    public boolean cancel(JobId id) {
        return store.cancel(id.value(), clock.instant());
    }

    @Override
    public boolean retry(JobId id) {
        boolean revived = store.revive(id.value(), clock.instant());
        if (revived) {
            store.find(id.value()).ifPresent(job -> wakeUps.signalAfterCommit(List.of(job.queue())));
        }
        return revived;
    }

    private static <T> T nonNull(T value) {
        if (value == null) {
            throw new InvalidJobException("argument", "must not be null");
        }
        return value;
    }
}
