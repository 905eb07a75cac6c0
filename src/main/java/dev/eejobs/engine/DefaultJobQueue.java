package dev.eejobs.engine;

import dev.eejobs.api.Enqueued;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    JobQueries queries;

    @Inject
    BulkPages pages;

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
        return submitJson(typeName, argumentJson, options).id();
    }

    @Override
    public <A> Enqueued submit(Class<? extends Job<A>> type, A argument, JobOptions options) {
        RegisteredJobType registered = types.byClass(type);
        return submitOne(registered, codec.write(nonNull(argument), registered.argumentType()), options);
    }

    @Override
    public Enqueued submitJson(String typeName, String argumentJson, JobOptions options) {
        RegisteredJobType type = types.require(typeName);
        return submitOne(type, codec.normalise(argumentJson, type.argumentType()), options);
    }

    private Enqueued submitOne(RegisteredJobType type, String json, JobOptions options) {
        Instant now = clock.instant();
        NewJob job = NewJobs.of(type, json, nonNull(options), now, null);
        String key = UniqueKeys.of(type, options, json);
        if (key == null) {
            return new Enqueued(insert(List.of(job)).get(0), true);
        }
        return insertUnique(List.of(job), List.of(key), UniqueKeys.succeededSince(type, options, now)).get(0);
    }

    /**
     * Stores unique jobs, in order, in one transaction: a duplicate of an active job, or of an
     * earlier job of the same list, stores nothing and yields the holder's id.
     */
    private List<Enqueued> insertUnique(List<NewJob> jobs, List<String> keys, Instant succeededSince) {
        schema.ensureCurrent();
        List<InsertOutcome> outcomes = store.insertUnique(jobs, keys, succeededSince);
        List<Enqueued> result = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            InsertOutcome outcome = outcomes.get(i);
            if (outcome.created()) {
                wakeUps.signalAfterCommit(List.of(job.queue()));
                events.enqueued(job.type(), job.queue(), 1);
            } else {
                events.deduplicated(job.type(), job.queue());
            }
            result.add(new Enqueued(new JobId(outcome.id()), outcome.created()));
        }
        return result;
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
        if (options.uniqueKey().isPresent() && arguments.size() > 1) {
            throw new InvalidJobException("uniqueKey", "one key for a batch of " + arguments.size()
                    + " jobs would store only the first; enqueue them one by one with keys of their own, or"
                    + " declare a derived key with @BackgroundJob(uniqueKey = ...)");
        }
        Instant now = clock.instant();
        List<NewJob> jobs = new ArrayList<>(arguments.size());
        List<String> keys = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            String argumentJson = json.of(arguments.get(i), i);
            jobs.add(NewJobs.of(type, argumentJson, options, now, null));
            keys.add(UniqueKeys.of(type, options, argumentJson));
        }
        if (keys.get(0) != null) { // every job of the batch is unique, or none: the key comes from the type or call
            return insertUnique(jobs, keys, UniqueKeys.succeededSince(type, options, now)).stream()
                    .map(Enqueued::id).toList();
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

    @Override
    public boolean pauseQueue(String queue) {
        JobOptions.validQueue("queue", queue);
        schema.ensureCurrent();
        return store.setQueuePaused(queue, true, clock.instant());
    }

    @Override
    public boolean resumeQueue(String queue) {
        JobOptions.validQueue("queue", queue);
        schema.ensureCurrent();
        boolean resumed = store.setQueuePaused(queue, false, clock.instant());
        if (resumed) {
            wakeUps.signalAfterCommit(List.of(queue)); // this node's fetcher now, the others' by announcement
        }
        return resumed;
    }

    @Override
    public Set<String> pausedQueues() {
        schema.ensureCurrent();
        return store.pausedQueues();
    }

    @Override
    public long count(JobFilter filter, Instant enqueuedBefore) {
        return queries.count(filter == null ? new JobFilter(null, null, null) : filter, enqueuedBefore);
    }

    @Override
    public int retryAll(JobFilter filter, Instant enqueuedBefore) {
        requireState(filter, JobTransition.REVIVE.from(), "retry");
        return bulk(BulkPages.Action.RETRY, filter, enqueuedBefore);
    }

    @Override
    public int cancelAll(JobFilter filter, Instant enqueuedBefore) {
        requireState(filter, EnumSet.complementOf(EnumSet.copyOf(FINAL)), "cancel");
        return bulk(BulkPages.Action.CANCEL, filter, enqueuedBefore);
    }

    @Override
    public int deleteAll(JobFilter filter, Instant enqueuedBefore) {
        requireState(filter, FINAL, "delete");
        return bulk(BulkPages.Action.DELETE, filter, enqueuedBefore);
    }

    /** The states a job may be deleted in: it has finished. */
    private static final Set<JobState> FINAL = EnumSet.of(JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED);

    /**
     * A bulk action names the state it works on, so an operator never acts on "everything" by
     * leaving a filter out, and the count shown before it is the count it acts on.
     */
    private static void requireState(JobFilter filter, Set<JobState> allowed, String action) {
        if (filter == null || filter.state() == null || !allowed.contains(filter.state())) {
            throw new InvalidJobException("status", "a bulk " + action + " needs a status of " + allowed
                    + ", was " + (filter == null ? null : filter.state()));
        }
    }

    /**
     * Selects the jobs page by page (keyset on id, so every job is looked at once even as the
     * pages change them) and applies the action to each page in a transaction of its own.
     */
    private int bulk(BulkPages.Action action, JobFilter filter, Instant enqueuedBefore) {
        schema.ensureCurrent();
        int changed = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            Map<Long, String> page = queries.matchingIds(filter, enqueuedBefore, after, BULK_PAGE);
            if (page.isEmpty()) {
                break;
            }
            int done = pages.apply(action, page.keySet(), clock.instant());
            if (action == BulkPages.Action.RETRY && done > 0) {
                wakeUps.signalAfterCommit(page.values());
            }
            changed += done;
            if (page.size() < BULK_PAGE) {
                break;
            }
            after = page.keySet().stream().mapToLong(Long::longValue).max().getAsLong();
        }
        return changed;
    }

    private static <T> T nonNull(T value) {
        if (value == null) {
            throw new InvalidJobException("argument", "must not be null");
        }
        return value;
    }
}
