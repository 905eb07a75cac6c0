package dev.eejobs.engine;

import dev.eejobs.store.Progress;

import dev.eejobs.api.JobLogLine;

import dev.eejobs.api.JobContext;

import dev.eejobs.api.AttemptOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.Backoff;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.api.StopReason;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's loop bodies stepped one pass at a time on the test thread, with a hand-moved clock. */
class EngineStepsTest {

    interface Body {
        void run(JobExecution execution) throws Exception;
    }

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofMillis(1);

    private final MutableClock clock = new MutableClock(T0);
    private final Ticker ticker = clock.ticker();
    private final InMemoryJobStore store = new InMemoryJobStore(clock);
    private final HandBacks handBacks = new HandBacks(store);
    private final LeaseBudget budget = new LeaseBudget(Duration.ofSeconds(1));
    private final EngineStats stats = new EngineStats();
    private final InFlightJobs inFlight = new InFlightJobs();
    private final WaitingJobs waiting = new WaitingJobs();
    /** Claims exactly the free slots, as the engine does with {@code jobs.prefetch-factor=0}. */
    private static final Prefetch NO_PREFETCH = new Prefetch(2, 0);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();
    private final JobTypes types = new JobTypes(List.of(type("ok"), type("boom"), type("slow")));
    private final CompletionBatcher completions = new CompletionBatcher(store, stats, clock, true);
    /** The retries the runner told of, as "queue at run time". */
    private final List<String> retriesStored = new CopyOnWriteArrayList<>();
    private final AttemptRunner runner = new AttemptRunner(store, types,
            (type, execution) -> bodies.get(type.name()).run(execution), inFlight, stats, clock, completions,
            draining::get, handBacks, ticker, "node", (queue, at) -> retriesStored.add(queue + " at " + at));
    private final BlockingDeque<ClaimedJob> handoff = new LinkedBlockingDeque<>();
    private final Semaphore slots = new Semaphore(2);
    private final JobFetcher fetcher = new JobFetcher("default", store, types, handoff, slots, NO_PREFETCH, waiting, "node-a", clock,
            draining::get, ticker);
    private final Worker worker = new Worker(handoff, slots, succeeded -> {}, runner, store, draining::get, WAIT, waiting, NO_PREFETCH,
            budget, ticker);
    private final LeaseHeartbeat heartbeat = new LeaseHeartbeat(store, inFlight, waiting, handBacks, stats, ticker);
    private final LeaseWatch leaseWatch = new LeaseWatch(inFlight, waiting, budget, stats, ticker);
    private ExecutorService executor;

    private static RegisteredJobType type(String name) {
        return new RegisteredJobType(name, null, String.class, "default", 2, Backoff.exponential(2),
                Duration.ofSeconds(5), 0, null, null, null);
    }

    private long enqueue(String type) {
        return enqueue(type, JobOptions.defaults());
    }

    private long enqueue(String type, JobOptions options) {
        RegisteredJobType t = types.byName(type).orElseGet(() -> type(type));
        return store.insert(List.of(NewJobs.of(t, "\"x\"", options, clock.instant(), null))).get(0);
    }

    @AfterEach
    void stopThreads() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void a_job_starts_at_its_enqueue_only_with_a_worker_idle_and_no_due_job_left_unclaimed() throws Exception {
        bodies.put("ok", e -> {});
        LocalStart start = new LocalStart(handoff, slots, NO_PREFETCH, fetcher, waiting, store,
                draining::get, ticker, "node-a");
        assertThat(start.reserve()).as("before the fetcher's first claim due jobs may wait").isFalse();
        for (int i = 0; i < 3; i++) {
            enqueue("ok");
        }
        clock.advance(JobFetcher.BACKLOG_AGE.plusMillis(1)); // they have waited: a backlog
        assertThat(fetcher.runOnce()).isTrue(); // 2 of 3: it got all it asked for, so more may wait
        worker.runOnce();
        worker.runOnce();
        assertThat(start.reserve()).as("a claim that got all it asked for may have left jobs behind").isFalse();
        assertThat(fetcher.runOnce()).isFalse(); // the third: fewer than asked for, the queue is empty
        assertThat(start.reserve()).as("the job waiting in the hand-off has its worker, the other is idle").isTrue();
        start.giveBack();
        worker.runOnce();

        draining.set(true);
        assertThat(start.reserve()).as("draining").isFalse();
        draining.set(false);

        assertThat(start.reserve()).isTrue();
        assertThat(slots.availablePermits()).isEqualTo(1);
        long id = enqueue("ok");
        ClaimedJob job = store.claim("default", List.of("ok"), 1, "node-a", clock.instant()).get(0);
        start.handOff(job, ticker.nanos());
        assertThat(handoff).containsExactly(job);
        assertThat(waiting.size()).isEqualTo(1);
        worker.runOnce();
        completions.flush();
        assertThat(store.rows().stream().filter(r -> r.id == id).findFirst().orElseThrow().state)
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(slots.availablePermits()).isEqualTo(2);

        assertThat(start.reserve()).isTrue();
        assertThat(start.reserve()).isTrue();
        assertThat(start.reserve()).as("no idle worker left").isFalse();
        start.giveBack();
        start.giveBack();
        assertThat(slots.availablePermits()).isEqualTo(2);
    }

    @Test
    void a_claim_for_jobs_that_trickled_in_leaves_half_the_idle_workers_to_starts_at_enqueue() throws Exception {
        bodies.put("ok", e -> {});
        Prefetch fourWorkers = new Prefetch(4, 0);
        Semaphore fourSlots = new Semaphore(4);
        LocalStart[] start = new LocalStart[1];
        List<Boolean> startableDuringClaims = new ArrayList<>();
        JobStore watched = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("startsAtEnqueue")) { // as the PostgreSQL store
                        return true;
                    }
                    if (method.getName().equals("claim")) { // an enqueue arriving while the claim runs
                        boolean reserved = start[0].reserve();
                        startableDuringClaims.add(reserved);
                        if (reserved) {
                            start[0].giveBack();
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JobFetcher claims = new JobFetcher("default", watched, types, handoff, fourSlots, fourWorkers, waiting,
                "node-a", clock, draining::get, ticker);
        start[0] = new LocalStart(handoff, fourSlots, fourWorkers, claims, waiting, store, draining::get, ticker,
                "node-a");
        Worker runs = new Worker(handoff, fourSlots, succeeded -> {}, runner, store, draining::get, WAIT, waiting,
                fourWorkers, budget, ticker);

        enqueue("ok");
        assertThat(claims.runOnce()).isFalse(); // 1 of 4: the queue had no more due jobs
        runs.runOnce();
        for (int i = 0; i < 3; i++) { // stored QUEUED, e.g. enqueued in transactions
            enqueue("ok");
        }
        clock.advance(JobFetcher.BACKLOG_AGE.plusMillis(1));
        assertThat(claims.runOnce()).as("half the 4 idle workers' slots, all taken: a backlog").isTrue();
        assertThat(handoff).hasSize(2);
        assertThat(claims.runOnce()).as("every slot left: the third job, and no more").isFalse();
        assertThat(handoff).hasSize(3);
        assertThat(startableDuringClaims).as("before the first claim nothing may start at enqueue; while"
                + " claiming what trickled in an idle worker stays free for it; not while claiming a backlog")
                .containsExactly(false, true, false);
        assertThat(fourSlots.availablePermits()).isEqualTo(1);
    }

    @Test
    void a_claim_that_got_all_it_asked_for_but_only_jobs_enqueued_a_moment_ago_found_no_backlog() throws Exception {
        bodies.put("ok", e -> {});
        LocalStart start = new LocalStart(handoff, slots, NO_PREFETCH, fetcher, waiting, store,
                draining::get, ticker, "node-a");
        enqueue("ok");
        assertThat(fetcher.runOnce()).isFalse(); // 1 of 2: the queue had no more due jobs
        worker.runOnce();
        for (int i = 0; i < 3; i++) { // stored QUEUED by callers that found no idle worker a moment ago
            enqueue("ok");
        }
        clock.advance(JobFetcher.BACKLOG_AGE.minusMillis(1));
        assertThat(fetcher.runOnce()).as("2 of 3: all it asked for, so it goes again at once").isTrue();
        assertThat(fetcher.mayHaveMore()).isTrue();
        assertThat(fetcher.backlog()).as("every job it got was due within %s", JobFetcher.BACKLOG_AGE).isFalse();
        worker.runOnce();
        assertThat(start.reserve()).as("an enqueue may start its job on the idle worker").isTrue();
        start.giveBack();

        clock.advance(JobFetcher.BACKLOG_AGE);
        enqueue("ok");
        enqueue("ok");
        assertThat(fetcher.runOnce()).as("the one idle worker's slot, taken by the third job").isTrue();
        assertThat(fetcher.backlog()).as("it got a job that has waited longer: a backlog").isTrue();
        worker.runOnce();
        assertThat(start.reserve()).as("no enqueue overtakes the job left behind").isFalse();
    }

    @Test
    void with_a_store_that_cannot_start_jobs_at_enqueue_a_claim_takes_every_idle_worker_and_none_is_kept_for_enqueues()
            throws Exception {
        bodies.put("ok", e -> {});
        assertThat(store.startsAtEnqueue()).isFalse(); // as the JPA store on H2 and MariaDB
        Prefetch fourWorkers = new Prefetch(4, 0);
        Semaphore fourSlots = new Semaphore(4);
        JobFetcher claims = new JobFetcher("default", store, types, handoff, fourSlots, fourWorkers, waiting,
                "node-a", clock, draining::get, ticker);
        Worker runs = new Worker(handoff, fourSlots, succeeded -> {}, runner, store, draining::get, WAIT, waiting,
                fourWorkers, budget, ticker);
        enqueue("ok");
        assertThat(claims.runOnce()).isFalse(); // 1 of 4: no backlog known
        runs.runOnce();
        for (int i = 0; i < 3; i++) {
            enqueue("ok");
        }
        assertThat(claims.runOnce()).as("3 of the 4 idle workers' slots: the queue is empty again").isFalse();
        assertThat(handoff).as("all three in one claim").hasSize(3);

        Engine engine = engine(Map.of("jobs.workers", "2"));
        engine.start();
        try {
            assertThat(engine.localStart("default")).as("no enqueue may reserve a worker it cannot use").isNull();
        } finally {
            engine.drain(Duration.ZERO);
        }
    }

    @Test
    void a_worker_tells_whether_the_job_it_ran_succeeded_so_only_a_job_back_in_its_queue_needs_a_claim() throws Exception {
        bodies.put("ok", e -> {});
        bodies.put("boom", e -> {
            throw new IllegalStateException("broke");
        });
        List<Boolean> freed = new ArrayList<>();
        Worker telling = new Worker(handoff, slots, freed::add, runner, store, draining::get, WAIT, waiting,
                NO_PREFETCH, budget, ticker);
        enqueue("ok");
        enqueue("boom");
        fetcher.runOnce();
        telling.runOnce();
        telling.runOnce();
        assertThat(freed).containsExactly(true, false); // the failure is QUEUED again for its retry
        assertThat(slots.availablePermits()).isEqualTo(2);
    }

    @Test
    void fetcher_claims_no_more_jobs_than_there_are_idle_workers() {
        for (int i = 0; i < 5; i++) {
            enqueue("ok");
        }
        assertThat(fetcher.runOnce()).isTrue();
        assertThat(handoff).hasSize(2);
        assertThat(fetcher.runOnce()).isFalse();
        assertThat(store.rows().stream().filter(r -> r.state == JobState.RUNNING)).hasSize(2);
    }

    @Test
    void while_jobs_wait_in_the_hand_off_the_fetcher_lets_free_slots_add_up_before_claiming() {
        for (int i = 0; i < 10; i++) {
            enqueue("ok");
        }
        Semaphore six = new Semaphore(6);
        Prefetch deep = new Prefetch(1, 6);
        for (int i = 0; i < 64; i++) {
            deep.fold(0); // short jobs: the whole cap may wait
        }
        JobFetcher batching = new JobFetcher("default", store, types, handoff, six, deep, waiting, "n", clock,
                draining::get, ticker);
        batching.runOnce();
        assertThat(handoff).hasSize(6);

        handoff.poll(); // four workers take a job each, two of them finish
        handoff.poll();
        handoff.poll();
        handoff.poll();
        six.release(2);
        assertThat(batching.runOnce()).isFalse();
        assertThat(handoff).as("two free slots, two jobs still waiting: no claim yet").hasSize(2);

        six.release(1);
        batching.runOnce();
        assertThat(handoff).as("three free slots: one claim of three").hasSize(5);

        handoff.clear(); // the hand-off runs dry: a single free slot is served at once
        six.release(1);
        batching.runOnce();
        assertThat(handoff).hasSize(1);
    }

    @Test
    void after_a_claim_that_found_fewer_jobs_than_slots_the_next_waits_out_the_gap_but_not_after_a_full_or_empty_one() {
        AtomicLong nanos = new AtomicLong(5_000);
        List<Long> parks = new ArrayList<>();
        BatchPacing pacing = new BatchPacing(1_000_000, nanos::get, wait -> {
            parks.add(wait);
            nanos.addAndGet(parks.size() == 1 ? wait / 2 : wait); // a park may end early: then it parks again
        });
        Semaphore two = new Semaphore(2);
        JobFetcher paced = new JobFetcher("default", store, types, handoff, two, NO_PREFETCH, waiting, "n", clock,
                draining::get, ticker, pacing);
        enqueue("ok");
        enqueue("ok");
        assertThat(paced.runOnce()).as("two slots, two jobs: a full claim").isTrue();
        assertThat(parks).isEmpty();

        handoff.clear();
        two.release(2);
        enqueue("ok");
        assertThat(paced.runOnce()).as("two slots, one job: the queue ran dry").isFalse();
        assertThat(parks).as("the claim before was full: not held back").isEmpty();
        long dryAt = nanos.get();

        handoff.clear();
        two.release(1);
        nanos.addAndGet(400_000);
        enqueue("ok");
        paced.runOnce();
        assertThat(parks).as("waited the 600 us left of the gap, in two parks").containsExactly(600_000L, 300_000L);
        assertThat(nanos.get()).isGreaterThanOrEqualTo(dryAt + 1_000_000);
        assertThat(handoff).hasSize(1);

        parks.clear();
        handoff.clear();
        two.release(1);
        nanos.addAndGet(1_000_000);
        enqueue("ok");
        paced.runOnce();
        assertThat(parks).as("the gap has passed: claimed at once").isEmpty();
        assertThat(handoff).hasSize(1);

        handoff.clear();
        nanos.addAndGet(1_000_000);
        assertThat(paced.runOnce()).as("nothing queued: the claim finds none").isFalse();
        assertThat(handoff).isEmpty();
        enqueue("ok");
        paced.runOnce();
        assertThat(parks).as("the queue was idle, not trickling: the next job is claimed at once").isEmpty();
        assertThat(handoff).hasSize(1);
    }

    @Test
    void while_jobs_run_long_the_fetcher_claims_only_for_idle_workers() {
        for (int i = 0; i < 10; i++) {
            enqueue("ok");
        }
        Prefetch prefetch = new Prefetch(2, 8);
        for (int i = 0; i < 64; i++) {
            prefetch.fold(Duration.ofSeconds(10).toNanos());
        }
        new JobFetcher("default", store, types, handoff, new Semaphore(10), prefetch, waiting, "n", clock,
                draining::get, ticker).runOnce();
        assertThat(handoff).as("two workers, nothing kept waiting for them").hasSize(2);
    }

    @Test
    void when_run_times_grow_the_jobs_waiting_beyond_the_shrunk_prefetch_are_handed_back_uncounted() {
        for (int i = 0; i < 10; i++) {
            enqueue("ok");
        }
        Prefetch prefetch = new Prefetch(2, 8, ticker);
        for (int i = 0; i < 64; i++) {
            prefetch.fold(0); // short jobs so far: the whole cap may wait
        }
        Semaphore tenSlots = new Semaphore(10);
        JobFetcher deep = new JobFetcher("default", store, types, handoff, tenSlots, prefetch, waiting, "n", clock,
                draining::get, ticker);
        deep.runOnce();
        assertThat(handoff).hasSize(10);
        handoff.poll(); // both workers start a job
        handoff.poll();
        long run = prefetch.started();
        prefetch.started();
        clock.advance(Duration.ofSeconds(3)); // the first of the new jobs has run 3 s and is not done

        deep.runOnce();
        assertThat(handoff).as("nothing may wait behind 3 s jobs").isEmpty();
        assertThat(store.rows().stream().filter(r -> r.state == JobState.QUEUED)).hasSize(8)
                .allSatisfy(r -> assertThat(r.attempts).isZero());
        assertThat(tenSlots.availablePermits()).as("only the two running jobs hold slots").isEqualTo(8);
        prefetch.ran(run);
    }

    @Test
    void a_job_waiting_for_a_worker_keeps_its_lease_and_is_not_started_once_it_lost_it() throws Exception {
        List<Long> ran = new ArrayList<>();
        bodies.put("ok", e -> ran.add(e.jobId().value()));
        long kept = enqueue("ok");
        long taken = enqueue("ok");
        fetcher.runOnce(); // both wait in the hand-off while the workers are busy

        clock.advance(Duration.ofSeconds(20));
        heartbeat.runOnce();
        assertThat(store.row(kept).leaseExpiresAt).isEqualTo(clock.instant().plusSeconds(25));

        ClaimedJob takenJob = handoff.stream().filter(j -> j.id() == taken).findFirst().orElseThrow();
        store.release(taken, takenJob.leaseToken()); // taken back, as another node's reaper would
        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();

        worker.runOnce();
        worker.runOnce();
        completions.runOnce();
        assertThat(ran).containsExactly(kept);
        assertThat(store.row(kept).state).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.row(taken).state).isEqualTo(JobState.QUEUED);
        assertThat(stats.fencedWriteCount()).isEqualTo(1);
    }

    @Test
    void a_waiting_job_whose_lease_went_unrenewed_is_handed_back_instead_of_started() throws Exception {
        List<Long> ran = new ArrayList<>();
        bodies.put("ok", e -> ran.add(e.jobId().value()));
        long id = enqueue("ok");
        fetcher.runOnce();
        clock.advance(Duration.ofSeconds(21)); // no heartbeat got through: 4 s of a 25 s lease left

        worker.runOnce();
        assertThat(ran).isEmpty();
        assertThat(store.row(id).state).isEqualTo(JobState.QUEUED);
        assertThat(store.row(id).attempts).as("the attempt that never started does not count").isZero();
    }

    @Test
    void jobs_of_types_this_node_does_not_know_stay_queued() {
        long unknown = enqueue("from-a-newer-version");
        fetcher.runOnce();
        assertThat(handoff).isEmpty();
        assertThat(store.row(unknown).state).isEqualTo(JobState.QUEUED);
        assertThat(store.queuedByType()).containsEntry("from-a-newer-version", 1L);
    }

    @Test
    void claims_follow_priority_then_run_at_then_enqueue_order() {
        long late = enqueue("ok", JobOptions.defaults().delay(Duration.ofSeconds(1)));
        long first = enqueue("ok");
        long second = enqueue("ok");
        long urgent = enqueue("ok", JobOptions.defaults().priority(10));
        clock.advance(Duration.ofSeconds(2));
        Semaphore many = new Semaphore(10);
        new JobFetcher("default", store, types, handoff, many, NO_PREFETCH, waiting, "n", clock, draining::get, ticker).runOnce();
        assertThat(handoff.stream().map(ClaimedJob::id)).containsExactly(urgent, first, second, late);
    }

    @Test
    void a_job_that_returns_succeeds() throws Exception {
        bodies.put("ok", e -> {});
        long id = enqueue("ok");
        fetcher.runOnce();
        worker.runOnce();
        assertThat(store.row(id).state).as("written by the batcher, not the worker").isEqualTo(JobState.RUNNING);
        assertThat(completions.runOnce()).isFalse();
        assertThat(store.row(id).state).isEqualTo(JobState.SUCCEEDED);
        assertThat(stats.succeededCount()).isEqualTo(1);
        assertThat(slots.availablePermits()).isEqualTo(2);
    }

    @Test
    void outcomes_finishing_within_five_milliseconds_of_a_small_batch_share_the_next_statement() {
        AtomicLong nanos = new AtomicLong(5_000);
        List<ClaimedJob> finishingMeanwhile = new ArrayList<>();
        List<Long> parks = new ArrayList<>();
        AtomicReference<CompletionBatcher> batcher = new AtomicReference<>();
        CompletionBatcher paced = new CompletionBatcher(store, stats, clock, true,
                new BatchPacing(BatchPacing.COMPLETION_GAP_NANOS, nanos::get, wait -> {
                    parks.add(wait);
                    nanos.addAndGet(wait);
                    finishingMeanwhile.forEach(job -> batcher.get().submit(job, Duration.ZERO));
                    finishingMeanwhile.clear();
                }));
        batcher.set(paced);
        for (int i = 0; i < 4; i++) {
            enqueue("ok");
        }
        Semaphore four = new Semaphore(4);
        new JobFetcher("default", store, types, handoff, four, NO_PREFETCH, waiting, "n", clock, draining::get, ticker).runOnce();
        List<ClaimedJob> jobs = new ArrayList<>(handoff);
        handoff.clear();

        paced.submit(jobs.get(0), Duration.ZERO);
        assertThat(paced.runOnce()).as("a lone outcome after a quiet spell").isFalse();
        assertThat(parks).as("written at once").isEmpty();
        assertThat(store.batchWrites()).isEqualTo(1);
        long dryAt = nanos.get();

        nanos.addAndGet(1_500_000); // the next job finishes 1.5 ms after that batch ...
        paced.submit(jobs.get(1), Duration.ZERO);
        finishingMeanwhile.addAll(jobs.subList(2, 4)); // ... and two more while the batcher waits
        assertThat(paced.runOnce()).isFalse();
        assertThat(parks).as("held back for the 3.5 ms left of the gap").containsExactly(3_500_000L);
        assertThat(nanos.get()).isEqualTo(dryAt + 5_000_000);
        assertThat(store.batchWrites()).as("three outcomes, one statement").isEqualTo(2);
        assertThat(jobs).allSatisfy(job -> assertThat(store.row(job.id()).state).isEqualTo(JobState.SUCCEEDED));
    }

    @Test
    void completions_of_many_workers_are_written_in_one_batch() throws Exception {
        bodies.put("ok", e -> {});
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue("ok"));
        }
        Semaphore many = new Semaphore(5);
        new JobFetcher("default", store, types, handoff, many, NO_PREFETCH, waiting, "n", clock, draining::get, ticker).runOnce();
        for (int i = 0; i < 5; i++) {
            worker.runOnce();
        }
        assertThat(completions.runOnce()).isFalse();
        assertThat(ids).allSatisfy(id -> assertThat(store.row(id).state).isEqualTo(JobState.SUCCEEDED));
        assertThat(store.batchWrites()).isEqualTo(1);
        assertThat(stats.succeededCount()).isEqualTo(5);
    }

    @Test
    void a_failing_job_retries_after_2_then_4_seconds_and_dies_after_max_retries_plus_one_attempts()
            throws Exception {
        bodies.put("boom", e -> {
            throw new IllegalStateException("attempt " + e.attempt() + " broke");
        });
        long id = enqueue("boom");
        List<Instant> retryTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            fetcher.runOnce();
            assertThat(handoff).as("attempt %d claimed", attempt).hasSize(1);
            worker.runOnce();
            InMemoryJobStore.Row row = store.row(id);
            assertThat(row.attempts).isEqualTo(attempt);
            if (row.state == JobState.QUEUED) {
                retryTimes.add(row.runAt);
                clock.advance(Duration.between(clock.instant(), row.runAt).minusMillis(1));
                fetcher.runOnce();
                assertThat(handoff).as("not claimed before its backoff").isEmpty();
                clock.advance(Duration.ofMillis(1));
            }
        }
        assertThat(retryTimes).containsExactly(T0.plusSeconds(2), T0.plusSeconds(2 + 4));
        // so the node's fetcher claims each retry at its time instead of at its next poll; not the death
        assertThat(retriesStored).containsExactly("default at " + T0.plusSeconds(2), "default at " + T0.plusSeconds(6));
        InMemoryJobStore.Row dead = store.row(id);
        assertThat(dead.state).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError).contains("IllegalStateException: attempt 3 broke");
        assertThat(stats.deadCount()).isEqualTo(1);
    }

    /** Records the start of every claimed job, as the first heartbeat after a worker started it does. */
    private void recordStarts() {
        store.heartbeat(handoff.stream().map(j -> Lease.renewal(j, true)).toList());
    }

    @Test
    void an_expired_lease_whose_attempt_started_is_taken_back_and_counts_as_a_failed_attempt() {
        long id = enqueue("slow");
        fetcher.runOnce();
        recordStarts();
        LeaseReaper reaper = new LeaseReaper(store, stats, clock);
        clock.advance(Duration.ofSeconds(25));
        reaper.runOnce();
        assertThat(store.row(id).state).as("exactly 5 intervals is not yet expired").isEqualTo(JobState.RUNNING);
        clock.advance(Duration.ofMillis(1));
        reaper.runOnce();
        InMemoryJobStore.Row row = store.row(id);
        assertThat(row.state).isEqualTo(JobState.QUEUED);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.runAt).isEqualTo(clock.instant().plusSeconds(2));
        assertThat(row.lastError).startsWith("lease expired");
        assertThat(stats.leasesExpiredCount()).isEqualTo(1);
    }

    @Test
    void a_job_that_keeps_crashing_its_node_dies_after_max_retries_plus_one_expiries() {
        long id = enqueue("slow");
        LeaseReaper reaper = new LeaseReaper(store, stats, clock);
        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.advance(Duration.ofMinutes(1));
            handoff.clear();
            slots.release(2 - slots.availablePermits());
            fetcher.runOnce();
            recordStarts();
            clock.advance(Duration.ofMinutes(1));
            reaper.runOnce();
        }
        assertThat(store.row(id).state).isEqualTo(JobState.DEAD);
        assertThat(store.row(id).attempts).isEqualTo(3);
    }

    @Test
    void a_worker_whose_lease_was_taken_back_cannot_complete_the_job() throws Exception {
        long id = enqueue("ok");
        fetcher.runOnce();
        ClaimedJob stale = handoff.peek();
        clock.advance(Duration.ofSeconds(26));
        new LeaseReaper(store, stats, clock).runOnce();
        clock.advance(Duration.ofSeconds(2));
        fetcher.runOnce(); // a second claim: the job now runs under a new token
        String currentToken = store.row(id).token;
        assertThat(currentToken).isNotEqualTo(stale.leaseToken());

        assertThat(store.succeed(id, stale.leaseToken(), clock.instant(), true)).isFalse();
        assertThat(store.heartbeat(id, stale.leaseToken())).isFalse();
        assertThat(store.fail(id, stale.leaseToken(), null, "x", clock.instant())).isFalse();
        assertThat(store.row(id).state).isEqualTo(JobState.RUNNING);
        assertThat(store.row(id).token).isEqualTo(currentToken);

        bodies.put("ok", e -> {});
        worker.runOnce(); // runs the stale claim first: its completion is fenced and counted
        completions.runOnce();
        assertThat(stats.fencedWriteCount()).isEqualTo(1);
        assertThat(store.row(id).state).isEqualTo(JobState.RUNNING);
    }

    @Test
    void heartbeat_renews_due_leases_and_tells_a_job_that_lost_its_lease_to_stop() {
        long id = enqueue("slow");
        fetcher.runOnce();
        ClaimedJob job = handoff.poll();
        waiting.take(job.id()); // as a worker does when it starts the job
        JobExecution execution = new JobExecution(job, new Thread(() -> {}), ticker.nanos(), ticker.nanos(), clock);
        inFlight.add(execution);

        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();
        assertThat(store.row(id).leaseExpiresAt).isEqualTo(clock.instant().plusSeconds(25));

        store.release(id, job.leaseToken()); // someone else took the job back
        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();
        assertThat(execution.stopRequested()).isTrue();
        assertThat(execution.stopReason()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(stats.fencedWriteCount()).isEqualTo(1);
    }

    @Test
    void the_margin_is_one_heartbeat_plus_the_clock_skew_allowance_within_the_five_heartbeat_lease() {
        ClaimedJob oneSecond = claimedWithHeartbeat(Duration.ofSeconds(1));
        ClaimedJob fiveSeconds = claimedWithHeartbeat(Duration.ofSeconds(5));
        ClaimedJob tiny = claimedWithHeartbeat(Duration.ofMillis(100));
        assertThat(budget.margin(oneSecond)).isEqualTo(Duration.ofSeconds(2));
        assertThat(budget.stopAfterNanos(oneSecond)).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(budget.margin(fiveSeconds)).isEqualTo(Duration.ofSeconds(6));
        assertThat(budget.stopAfterNanos(fiveSeconds)).isEqualTo(Duration.ofSeconds(19).toNanos());
        assertThat(budget.stopAfterNanos(tiny)).as("two heartbeats to renew in, at least")
                .isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(budget.mustStop(oneSecond, 0, Duration.ofMillis(2999).toNanos())).isFalse();
        assertThat(budget.mustStop(oneSecond, 0, Duration.ofSeconds(3).toNanos())).isTrue();
    }

    private static ClaimedJob claimedWithHeartbeat(Duration heartbeat) {
        return new ClaimedJob(1, "slow", "default", "\"x\"", 1, 2, "exponential(2)", heartbeat.toMillis(), "t", T0);
    }

    /** Starts the claimed job on a thread of its own, as a worker does; returns that thread. */
    private Thread startOnWorkerThread(CountDownLatch started) throws InterruptedException {
        Thread thread = new Thread(() -> {
            try {
                worker.runOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return thread;
    }

    @Test
    void a_runner_that_cannot_renew_is_stopped_by_its_own_clock_before_its_lease_can_expire_and_handed_back_uncounted()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        bodies.put("slow", e -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                interrupted.set(true);
                throw stopped;
            }
        });
        long id = enqueue("slow");
        fetcher.runOnce();
        Thread running = startOnWorkerThread(started);
        heartbeat.runOnce(); // records the start
        assertThat(store.row(id).startRecordedAt).isNotNull();

        store.unreachable(true); // from now on no renewal gets through
        clock.advance(Duration.ofSeconds(18));
        assertThatThrownByRenewal();
        leaseWatch.runOnce();
        assertThat(interrupted).as("18 s after the last renewal: 7 s of the lease left, more than the margin").isFalse();

        clock.advance(Duration.ofSeconds(1));
        leaseWatch.runOnce();
        running.join(10_000);
        assertThat(running.isAlive()).isFalse();
        assertThat(interrupted).isTrue();
        assertThat(stats.stoppedForLeaseCount()).isEqualTo(1);
        assertThat(store.expiredLeases(10)).as("the lease has not expired in the database yet").isEmpty();
        assertThat(store.row(id).state).as("the hand-back waits for the database").isEqualTo(JobState.RUNNING);

        store.unreachable(false);
        heartbeat.runOnce(); // retries the hand-back
        assertThat(store.row(id).state).isEqualTo(JobState.QUEUED);
        assertThat(store.row(id).attempts).as("not a failure the job caused").isZero();
        assertThat(stats.failedCount()).isZero();
        assertThat(stats.stopIgnoredCount()).isZero();
    }

    private void assertThatThrownByRenewal() {
        try {
            heartbeat.runOnce();
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("the renewal should have failed");
    }

    @Test
    void a_runner_stopped_for_its_lease_discards_a_success_and_a_job_that_ignores_the_stop_is_reported()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        bodies.put("slow", e -> {
            started.countDown();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < giveUp) {
                try {
                    if (release.await(1, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // a job that ignores interruption
                }
            }
        });
        long id = enqueue("slow");
        fetcher.runOnce();
        Thread running = startOnWorkerThread(started);
        heartbeat.runOnce();
        ClaimedJob job = inFlight.snapshot().get(0).job();
        store.release(id, job.leaseToken()); // the lease is taken back: the next renewal is fenced
        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();
        assertThat(inFlight.snapshot().get(0).stopReason()).isEqualTo(StopReason.LEASE_LOST);

        clock.advance(Duration.ofSeconds(5));
        leaseWatch.runOnce();
        assertThat(stats.stopIgnoredCount()).as("one heartbeat plus the skew allowance later").isZero();
        clock.advance(Duration.ofSeconds(1));
        leaseWatch.runOnce();
        leaseWatch.runOnce();
        assertThat(stats.stopIgnoredCount()).as("reported once").isEqualTo(1);

        release.countDown(); // the job ends normally after all: its outcome is discarded
        running.join(10_000);
        assertThat(running.isAlive()).isFalse();
        completions.runOnce();
        assertThat(stats.succeededCount()).isZero();
        assertThat(store.row(id).state).isEqualTo(JobState.QUEUED);
    }

    @Test
    void a_lease_that_expires_before_its_attempt_started_costs_no_attempt_until_the_free_expiries_are_used_up() {
        long id = enqueue("slow");
        LeaseReaper reaper = new LeaseReaper(store, stats, clock);
        for (int expiry = 1; expiry <= LeaseReaper.UNSTARTED_EXPIRIES_FREE; expiry++) {
            handoff.clear();
            slots.release(2 - slots.availablePermits());
            fetcher.runOnce(); // claimed, never started: the node dies with it in its hand-off
            clock.advance(Duration.ofSeconds(26));
            reaper.runOnce();
            InMemoryJobStore.Row row = store.row(id);
            assertThat(row.state).isEqualTo(JobState.QUEUED);
            assertThat(row.attempts).isZero();
            assertThat(row.expiriesUnstarted).isEqualTo(expiry);
            assertThat(row.runAt).as("due at once, no backoff").isEqualTo(clock.instant());
            assertThat(row.lastError).contains("before the attempt started");
        }
        handoff.clear();
        slots.release(2 - slots.availablePermits());
        fetcher.runOnce();
        clock.advance(Duration.ofSeconds(26));
        reaper.runOnce();
        assertThat(store.row(id).attempts).as("past the free expiries, an unstarted one counts too").isEqualTo(1);
        assertThat(store.row(id).runAt).isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void with_no_retries_a_job_reaped_before_it_started_is_queued_again_not_dead() {
        long id = enqueue("slow", JobOptions.defaults().maxRetries(0));
        fetcher.runOnce();
        clock.advance(Duration.ofSeconds(26));
        new LeaseReaper(store, stats, clock).runOnce();
        assertThat(store.row(id).state).isEqualTo(JobState.QUEUED);
        assertThat(stats.deadCount()).isZero();
    }

    @Test
    void a_lease_renewed_after_it_was_read_as_expired_is_not_reaped() {
        long id = enqueue("slow");
        fetcher.runOnce();
        ClaimedJob job = handoff.peek();
        clock.advance(Duration.ofSeconds(26));
        assertThat(store.expiredLeases(10)).hasSize(1);
        assertThat(store.heartbeat(id, job.leaseToken())).isTrue(); // arrives between the reaper's read and write
        assertThat(store.expireUnstarted(id, job.leaseToken(), "x")).isFalse();
        assertThat(store.expire(id, job.leaseToken(), null, "x", clock.instant())).isFalse();
        assertThat(store.row(id).state).isEqualTo(JobState.RUNNING);
    }

    @Test
    void a_schedule_fires_once_per_tick_and_skips_ticks_missed_while_down() {
        // overlap allow: the first tick's job is never run here, and this test is about missed ticks
        store.saveSchedule(new ScheduleSpec("report", "ok", "\"x\"", 60_000, null, null, T0)
                .withOverlap(dev.eejobs.api.ScheduleOverlap.ALLOW));
        ScheduleFirer a = new ScheduleFirer(store, types, clock);
        ScheduleFirer b = new ScheduleFirer(store, types, clock);
        a.runOnce();
        b.runOnce();
        assertThat(store.rows()).hasSize(1);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // ten ticks missed
        b.runOnce();
        a.runOnce();
        assertThat(store.rows()).hasSize(2);
        assertThat(store.dueSchedules(clock.instant().plusSeconds(59), 10)).singleElement()
                .satisfies(s -> assertThat(s.nextFireAt()).isEqualTo(T0.plus(Duration.ofMinutes(11))));
    }

    @Test
    void a_skip_schedule_skips_ticks_while_its_last_job_has_not_finished_and_counts_them() {
        java.util.List<String> skipped = new java.util.ArrayList<>();
        dev.eejobs.api.spi.JobEvents events = new dev.eejobs.api.spi.JobEvents() {
            @Override
            public void scheduleSkipped(String schedule) {
                skipped.add(schedule);
            }
        };
        store.saveSchedule(new ScheduleSpec("report", "ok", "\"x\"", 60_000, null, null, T0));
        ScheduleFirer firer = new ScheduleFirer(store, types, clock, events);
        firer.runOnce();
        clock.advance(Duration.ofMinutes(1));
        firer.runOnce(); // the first tick's job is still QUEUED
        assertThat(store.rows()).hasSize(1);
        assertThat(skipped).containsExactly("report");
        assertThat(store.dueSchedules(clock.instant().plusSeconds(60), 10)).singleElement()
                .satisfies(s -> assertThat(s.nextFireAt()).isEqualTo(T0.plus(Duration.ofMinutes(2))));
        store.cancel(store.rows().get(0).id, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        firer.runOnce();
        assertThat(store.rows()).hasSize(2);
    }

    @Test
    void the_sweep_settles_a_child_left_waiting_after_its_parent_finished() {
        long parent = enqueue("ok");
        store.cancel(parent, clock.instant());
        NewJob job = NewJobs.of(type("ok"), "\"x\"", JobOptions.defaults(), clock.instant(), null);
        long child = store.insertWaitingChild(parent, job); // as a lost race would leave it
        long grandchild = store.insertWaitingChild(child, job);
        WaitingJobSettler settler = new WaitingJobSettler(store, clock);
        assertThat(settler.runOnce()).isFalse();
        assertThat(store.row(child).state).isEqualTo(JobState.CANCELLED);
        assertThat(store.row(child).lastError).isEqualTo("parent " + parent + " ended CANCELLED");
        settler.runOnce();
        assertThat(store.row(grandchild).state).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void a_cron_schedule_fires_at_its_next_matching_minute_in_its_zone() {
        // 2026-03-01T12:00Z is 13:00 in Berlin; "30 14 * * *" Berlin is 13:30Z.
        store.saveSchedule(new ScheduleSpec("cron", "ok", "\"x\"", 0, "30 14 * * *", "Europe/Berlin", T0));
        ScheduleFirer firer = new ScheduleFirer(store, types, clock);
        firer.runOnce();
        assertThat(store.rows()).hasSize(1);
        assertThat(store.dueSchedules(T0.plus(Duration.ofDays(1)), 1)).singleElement()
                .satisfies(s -> assertThat(s.nextFireAt()).isEqualTo(Instant.parse("2026-03-01T13:30:00Z")));
    }

    @Test
    void redeclaring_a_schedule_with_the_same_ticks_keeps_its_next_tick() {
        store.saveSchedule(new ScheduleSpec("report", "ok", "\"x\"", 60_000, null, null, T0));
        store.saveSchedule(new ScheduleSpec("report", "ok", "\"y\"", 60_000, null, null, T0.plusSeconds(30)));
        assertThat(store.dueSchedules(T0, 1)).singleElement().satisfies(s -> {
            assertThat(s.nextFireAt()).isEqualTo(T0);
            assertThat(s.argumentJson()).isEqualTo("\"y\"");
        });
    }

    @Test
    void next_tick_is_the_first_grid_point_after_now() {
        assertThat(ScheduleFirer.nextTick(T0, 1000, T0)).isEqualTo(T0.plusSeconds(1));
        assertThat(ScheduleFirer.nextTick(T0, 1000, T0.plusMillis(2500))).isEqualTo(T0.plusSeconds(3));
        assertThat(ScheduleFirer.nextTick(T0, 1000, T0.plusSeconds(3))).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void pruner_deletes_succeeded_jobs_older_than_retention_in_batches() throws Exception {
        bodies.put("ok", e -> {});
        for (int i = 0; i < 3; i++) {
            enqueue("ok");
        }
        Semaphore many = new Semaphore(3);
        new JobFetcher("default", store, types, handoff, many, NO_PREFETCH, waiting, "n", clock, draining::get, ticker).runOnce();
        for (int i = 0; i < 3; i++) {
            worker.runOnce();
        }
        completions.runOnce();
        SucceededJobPruner pruner = new SucceededJobPruner(store, clock, Duration.ofHours(1), 2);
        clock.advance(Duration.ofMinutes(59));
        assertThat(pruner.runOnce()).isFalse();
        assertThat(store.rows()).hasSize(3);
        clock.advance(Duration.ofMinutes(2));
        assertThat(pruner.runOnce()).as("a full batch: more may wait").isTrue();
        pruner.runOnce();
        assertThat(store.rows()).isEmpty();
    }

    @Test
    void drain_interrupts_a_job_past_the_grace_period_and_hands_it_back_without_losing_the_attempt()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        bodies.put("slow", e -> {
            started.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS); // until interrupted
        });
        long id = enqueue("slow");
        long waiting = enqueue("slow");
        Engine engine = engine(Map.of("jobs.workers", "1", "jobs.prefetch-factor", "0"));
        engine.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.row(waiting).state).isEqualTo(JobState.QUEUED);

        engine.drain(Duration.ZERO);

        assertThat(store.row(id).state).isEqualTo(JobState.QUEUED);
        assertThat(store.row(id).attempts).isZero();
        assertThat(store.row(waiting).state).isEqualTo(JobState.QUEUED);
        assertThat(stats.failedCount()).isZero();
    }

    @Test
    void drain_lets_a_running_job_finish_within_the_grace_period() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        bodies.put("slow", e -> {
            started.countDown();
            finish.await(30, TimeUnit.SECONDS);
        });
        long id = enqueue("slow");
        Engine engine = engine(Map.of());
        engine.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread drainer = new Thread(() -> engine.drain(Duration.ofMinutes(1)));
        drainer.start();
        await().atMost(Duration.ofSeconds(10)).until(engine::draining);
        finish.countDown();
        drainer.join(10_000);
        assertThat(drainer.isAlive()).isFalse();
        assertThat(store.row(id).state).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void drain_hands_back_prefetched_jobs_that_never_started() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        bodies.put("slow", e -> {
            started.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS); // until interrupted
        });
        long running = enqueue("slow");
        long prefetched = enqueue("slow");
        Engine engine = engine(Map.of("jobs.workers", "1", "jobs.prefetch-factor", "1"));
        engine.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.row(prefetched).state == JobState.RUNNING);

        engine.drain(Duration.ZERO);

        assertThat(store.row(prefetched).state).isEqualTo(JobState.QUEUED);
        assertThat(store.row(prefetched).attempts).isZero();
        assertThat(store.row(running).state).isEqualTo(JobState.QUEUED);
    }

    @Test
    void a_worker_killed_by_a_fatal_error_is_restarted_and_the_restart_counted() throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        bodies.put("boom", e -> {
            if (crashed.compareAndSet(false, true)) {
                throw new InternalError("simulated VM failure");
            }
        });
        bodies.put("ok", e -> {});
        long crashing = enqueue("boom");
        Engine engine = engine(Map.of("jobs.workers", "1", "jobs.worker-restart-delay", "0s"));
        engine.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.row(crashing).state == JobState.QUEUED
                && store.row(crashing).attempts == 1);
        assertThat(store.row(crashing).lastError).contains("InternalError: simulated VM failure");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            engine.watch(); // notices the dead worker once its task has ended
            return stats.workerRestartCount() == 1;
        });
        engine.watch(); // restarts it
        clock.advance(Duration.ofSeconds(3));
        long after = enqueue("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.row(after) != null
                && store.row(after).state == JobState.SUCCEEDED);
        engine.drain(Duration.ZERO);
    }

    @Test
    void the_threads_the_engine_asks_of_its_executor_are_the_loops_it_starts() {
        Map<String, String> settings = Map.of("jobs.workers", "3", "jobs.queues", "default,mail,off",
                "jobs.queue.mail.workers", "2", "jobs.queue.off.workers", "0");
        Engine engine = engine(settings);
        engine.start();
        JobsConfig config = new JobsConfig(key -> Optional.ofNullable(settings.get(key)));
        assertThat(Engine.threadsNeeded(config, types)).isEqualTo(8 + (3 + 1) + (2 + 1));
        assertThat(engine.loopCount()).isEqualTo(Engine.threadsNeeded(config, types));
        engine.drain(Duration.ZERO);
    }

    @Test
    void more_workers_than_the_executor_has_threads_is_refused_naming_the_keys() {
        JobsConfig fits = new JobsConfig(key -> Optional.ofNullable(Map.of("jobs.workers", "12",
                "jobs.queues", "a,b", "jobs.executor.max-threads", "34").get(key)));
        assertThat(Engine.threadShortage(fits, types)).isEmpty(); // 8 + 2 x 13 = 34
        JobsConfig over = new JobsConfig(key -> Optional.ofNullable(Map.of("jobs.workers", "12",
                "jobs.queues", "a,b", "jobs.executor.max-threads", "33").get(key)));
        assertThat(Engine.threadShortage(over, types)).hasValueSatisfying(why -> assertThat(why)
                .contains("jobs.workers").contains("need 34 threads").contains("jobs.executor.max-threads = 33"));
        JobsConfig enqueueOnly = new JobsConfig(key -> Optional.ofNullable(Map.of("jobs.workers", "12",
                "jobs.enabled", "false", "jobs.executor.max-threads", "1").get(key)));
        assertThat(Engine.threadShortage(enqueueOnly, types)).isEmpty();
    }

    private Engine engine(Map<String, String> settings) {
        executor = Executors.newCachedThreadPool();
        Map<String, String> all = new ConcurrentHashMap<>(settings);
        all.putIfAbsent("jobs.poll-interval", "20ms");
        all.putIfAbsent("jobs.housekeeping-interval", "50ms");
        JobsConfig config = new JobsConfig(key -> Optional.ofNullable(all.get(key)));
        return new Engine(config, store, types, (type, execution) -> bodies.get(type.name()).run(execution),
                new WakeUps(), stats, clock, ticker, executor);
    }


    /** A job that sleeps until interrupted (or 30 s), reporting progress and a line first. */
    private void sleepUntilInterrupted(CountDownLatch started) {
        bodies.put("slow", e -> {
            e.progress(40, "started");
            e.log("line one");
            started.countDown();
            Thread.sleep(30_000);
        });
    }

    @Test
    void an_attempt_past_its_timeout_is_interrupted_and_fails_timed_out_and_is_retried() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        sleepUntilInterrupted(started);
        long id = enqueue("slow", JobOptions.defaults().timeout(Duration.ofSeconds(30)));
        fetcher.runOnce();
        Thread running = startOnWorkerThread(started);
        heartbeat.runOnce();
        for (int second = 5; second <= 25; second += 5) { // renewed all along: only the timeout can stop it
            clock.advance(Duration.ofSeconds(5));
            heartbeat.runOnce();
            leaseWatch.runOnce();
        }
        clock.advance(Duration.ofSeconds(4));
        leaseWatch.runOnce();
        assertThat(inFlight.snapshot().get(0).stopReason()).as("29 s in").isEqualTo(StopReason.NONE);
        clock.advance(Duration.ofSeconds(1));
        leaseWatch.runOnce();
        running.join(10_000);
        assertThat(running.isAlive()).as("interrupted").isFalse();

        InMemoryJobStore.Row row = store.row(id);
        assertThat(row.state).as("retried").isEqualTo(JobState.QUEUED);
        assertThat(row.lastError).startsWith("timed out after 30s");
        assertThat(store.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
            assertThat(a.error()).isEqualTo("timed out after 30s");
            assertThat(a.trace()).contains("InterruptedException");
        });
    }

    @Test
    void what_a_job_reports_just_before_it_returns_is_written_with_its_outcome_and_history() throws Exception {
        bodies.put("ok", e -> {
            e.progress(100, "done");
            e.log("last words");
        });
        long id = enqueue("ok");
        fetcher.runOnce();
        worker.runOnce();
        assertThat(store.find(id).orElseThrow().progress()).as("nothing written before the outcome").isNull();
        completions.runOnce();

        assertThat(store.row(id).state).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.find(id).orElseThrow().progress()).isEqualTo(100);
        assertThat(store.log(id)).extracting(JobLogLine::message).containsExactly("last words");
        assertThat(store.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.node()).isNotBlank();
        });
    }

    @Test
    void a_cancel_request_in_the_heartbeats_answer_stops_the_runner_and_the_job_ends_cancelled_not_retried()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        sleepUntilInterrupted(started);
        long id = enqueue("slow");
        fetcher.runOnce();
        Thread running = startOnWorkerThread(started);
        heartbeat.runOnce();
        assertThat(store.find(id).orElseThrow().progress()).as("written by the renewal").isEqualTo(40);
        assertThat(store.log(id)).extracting(JobLogLine::message).containsExactly("line one");

        assertThat(store.cancel(id, clock.instant())).isTrue();
        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();
        running.join(10_000);
        assertThat(running.isAlive()).as("interrupted").isFalse();

        assertThat(store.row(id).state).isEqualTo(JobState.CANCELLED);
        assertThat(store.attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.CANCELLED));
        assertThat(store.log(id)).as("nothing written twice").hasSize(1);
    }

    @Test
    void a_job_cancelled_while_it_waits_for_a_worker_is_cancelled_without_running() throws Exception {
        bodies.put("ok", e -> {
            throw new AssertionError("must not run");
        });
        long id = enqueue("ok");
        fetcher.runOnce();
        assertThat(store.cancel(id, clock.instant())).isTrue();
        clock.advance(Duration.ofSeconds(5));
        heartbeat.runOnce();
        worker.runOnce();
        assertThat(store.row(id).state).isEqualTo(JobState.CANCELLED);
        assertThat(store.attempts(id)).as("no attempt ran").isEmpty();
    }

    @Test
    void log_lines_are_bounded_per_attempt_with_one_marker_and_messages_are_cut() {
        JobReports reports = new JobReports(1, clock);
        for (int i = 0; i < 150; i++) {
            reports.log("line " + i);
        }
        reports.progress(150, "x".repeat(600));
        Progress taken = reports.take();
        assertThat(taken.lines()).hasSize(JobContext.MAX_LOG_LINES + 1);
        assertThat(taken.lines().get(JobContext.MAX_LOG_LINES).message()).isEqualTo(JobReports.DROPPED);
        assertThat(taken.percent()).isEqualTo(100);
        assertThat(taken.message()).hasSize(JobContext.MAX_MESSAGE).endsWith("…");
        assertThat(reports.take().isEmpty()).isTrue();
        reports.log("later");
        assertThat(reports.take().isEmpty()).as("still over the bound").isTrue();
    }
}
