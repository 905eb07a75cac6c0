package dev.eejobs.engine;

import dev.eejobs.api.Enqueued;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobBatch;
import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Schema;
import dev.eejobs.store.StartedInsert;
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
    PendingSchedules pendingSchedules;

    @Inject
    @EngineClock
    Clock clock;

    @Inject
    Schema schema;

    @Inject
    JobQueries queries;

    @Inject
    BulkPages pages;

    @Inject
    ScheduleControl scheduleControl;

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
                wakeUps.storedAfterCommit(job);
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
        List<NewJob> jobs = newJobs(type, arguments, options, json);
        List<String> keys = uniqueKeys(type, options, jobs);
        if (keys != null) {
            return insertUnique(jobs, keys, UniqueKeys.succeededSince(type, options, jobs.get(0).enqueuedAt()))
                    .stream().map(Enqueued::id).toList();
        }
        return insert(jobs);
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

    /**
     * @return each job's unique key, from the call or derived by the type; null when they have none
     *     (every job of a batch is unique, or none: the key comes from the type or the call)
     * @throws InvalidJobException if one key from the call would be shared by a whole batch
     */
    private static List<String> uniqueKeys(RegisteredJobType type, JobOptions options, List<NewJob> jobs) {
        if (options.uniqueKey().isPresent() && jobs.size() > 1) {
            throw new InvalidJobException("uniqueKey", "one key for a batch of " + jobs.size()
                    + " jobs would store only the first; enqueue them one by one with keys of their own, or"
                    + " declare a derived key with @BackgroundJob(uniqueKey = ...)");
        }
        List<String> keys = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            keys.add(UniqueKeys.of(type, options, job.argumentJson()));
        }
        return keys.get(0) == null ? null : keys;
    }

    /**
     * Continuations and batches with an on-complete job are stored by statements of their own,
     * which do not take unique keys: refused rather than silently stored without the key.
     */
    private static void refuseUnique(RegisteredJobType type, JobOptions options, List<NewJob> jobs, String what) {
        if (uniqueKeys(type, options, jobs) != null) {
            throw new InvalidJobException("uniqueKey", what + " cannot have a unique key (job type " + type.name()
                    + "); enqueue it without one");
        }
    }

    private List<JobId> insert(List<NewJob> jobs) {
        schema.ensureCurrent(); // an enqueue at the application's own startup may come before the engine's
        NewJob first = jobs.get(0);
        if (jobs.size() == 1) { // one-by-one enqueue, the most frequent call: no streams
            return List.of(new JobId(insertOne(first)));
        }
        List<Long> ids = store.insert(jobs);
        wakeUps.storedAfterCommit(jobs);
        if (jobs.stream().allMatch(j -> j.queue().equals(first.queue()))) {
            events.enqueued(first.type(), first.queue(), jobs.size());
        } else {
            jobs.forEach(j -> events.enqueued(j.type(), j.queue(), 1));
        }
        return ids.stream().map(JobId::new).toList();
    }

    /**
     * Stores one job: already started by this node when one of its workers for the queue is idle
     * ({@link LocalStart}), else QUEUED, waking this node's fetcher and announcing it to the others.
     */
    private long insertOne(NewJob job) {
        LocalStart start = startsHere(job);
        if (start == null) {
            long id = store.insert(List.of(job)).get(0);
            wakeUps.storedAfterCommit(job);
            events.enqueued(job.type(), job.queue(), 1);
            return id;
        }
        StartedInsert stored;
        long sent = start.now();
        try {
            stored = store.insertStarted(job, start.owner(), clock.instant());
        } catch (RuntimeException | Error e) {
            start.giveBack();
            throw e;
        }
        events.enqueued(job.type(), job.queue(), 1);
        if (stored.lease() != null) {
            events.startedAtEnqueue(job.type(), job.queue());
            start.handOff(stored.lease(), sent);
        } else { // its queue is paused
            start.giveBack();
            wakeUps.signalAfterCommit(List.of(job.queue()));
        }
        return stored.id();
    }

    /**
     * @return the queue's local start with an idle worker's slot taken, if the job may start at
     *     its enqueue: due now, no schedule's, and no transaction around the call (a worker must not
     *     run a job whose insert may still roll back); else null
     */
    private LocalStart startsHere(NewJob job) {
        if (job.scheduleKey() != null || !WakeUps.dueAtEnqueue(job)
                || wakeUps.inTransaction()) {
            return null;
        }
        LocalStart start = supervisor.localStart(job.queue());
        return start != null && start.reserve() ? start : null;
    }

    @Override
    public <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument) {
        every(name, interval, type, argument, ScheduleOverlap.SKIP);
    }

    @Override
    public <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument,
            ScheduleOverlap overlap) {
        RegisteredJobType registered = types.byClass(type);
        pendingSchedules.declare(name, () -> schedules.saveEvery(name, "interval", interval, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()), overlap));
    }

    @Override
    public <A> void cron(String name, String expression, ZoneId zone, Class<? extends Job<A>> type, A argument) {
        cron(name, expression, zone, type, argument, ScheduleOverlap.SKIP);
    }

    @Override
    public <A> void cron(String name, String expression, ZoneId zone, Class<? extends Job<A>> type, A argument,
            ScheduleOverlap overlap) {
        RegisteredJobType registered = types.byClass(type);
        pendingSchedules.declare(name, () -> schedules.saveCron(name, expression, zone, registered,
                () -> codec.write(nonNull(argument), registered.argumentType()), overlap));
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
        NewJob job = NewJobs.of(registered, codec.write(nonNull(argument), registered.argumentType()),
                nonNull(options), clock.instant(), null);
        refuseUnique(registered, options, List.of(job), "a continuation");
        return insertAfter(parent, job);
    }

    @Override
    public JobId enqueueJsonAfter(JobId parent, String typeName, String argumentJson, JobOptions options) {
        RegisteredJobType type = types.require(typeName);
        String json = codec.normalise(argumentJson, type.argumentType());
        NewJob job = NewJobs.of(type, json, nonNull(options), clock.instant(), null);
        refuseUnique(type, options, List.of(job), "a continuation");
        return insertAfter(parent, job);
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
        refuseUnique(registered, options, members, "a batch with an on-complete job");
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
        refuseUnique(type, options, members, "a batch with an on-complete job");
        return insertBatch(members, NewJobs.of(last, lastJson, JobOptions.defaults(), members.get(0).enqueuedAt(),
                null));
    }

    private JobBatch insertBatch(List<NewJob> members, NewJob onComplete) {
        schema.ensureCurrent();
        List<Long> ids = store.insertBatch(members, onComplete);
        wakeUps.storedAfterCommit(members);
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
