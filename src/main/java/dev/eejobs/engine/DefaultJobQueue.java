package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
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
    JobSupervisor supervisor;

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
        if (arguments == null || arguments.isEmpty()) {
            throw new InvalidJobException("arguments", "must hold at least one argument");
        }
        nonNull(options);
        Instant now = clock.instant();
        List<NewJob> jobs = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            jobs.add(NewJobs.of(type, json.of(arguments.get(i), i), options, now, null));
        }
        return insert(jobs);
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
        RegisteredJobType registered = types.byClass(type);
        schedules.saveEvery(name, "interval", interval, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()));
    }

    @Override
    public <A> void cron(String name, String expression, ZoneId zone, Class<? extends Job<A>> type, A argument) {
        RegisteredJobType registered = types.byClass(type);
        schedules.saveCron(name, expression, zone, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()));
    }

    @Override
    public boolean cancelSchedule(String name) {
        return store.deleteSchedule(name);
    }

    @Override
    public Optional<JobInfo> find(JobId id) {
        return store.find(id.value());
    }

    /** A job this node runs is stopped as soon as the request commits, without waiting for a heartbeat. */
    @Override
    public boolean cancel(JobId id) {
        boolean done = store.cancel(id.value(), clock.instant());
        if (done) {
            wakeUps.afterCommit(() -> supervisor.cancelRequested(id.value()));
        }
        return done;
    }

    @Override
    public List<JobAttempt> attempts(JobId id) {
        return store.attempts(id.value());
    }

    @Override
    public List<JobLogLine> log(JobId id) {
        return store.log(id.value());
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
