package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobBatch;
import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.store.JobQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continuations, batches with an on-complete job, and schedule control (pause, resume, trigger,
 * overlap), on the configured server and database (h2, postgresql and mariadb suites).
 */
@ExtendWith(ArquillianExtension.class)
class ContinuationsIT {

    @Deployment
    static WebArchive deployment() {
        return ItDeployment.war("continuations-it", EngineIT.SETTINGS, ContinuationsIT.class, HeldJob.class,
                Writer.class);
    }

    /** Keys whose {@link HeldJob} may finish. */
    static final Set<String> RELEASED = ConcurrentHashMap.newKeySet();

    /** Runs until its key is released (or the node stops it): a job that is still RUNNING on demand. */
    @ApplicationScoped
    @BackgroundJob(name = "it-held", maxRetries = 0, heartbeat = "1s")
    public static class HeldJob implements Job<ItJobs.Mark> {
        @Override
        public void run(ItJobs.Mark mark, JobContext context) throws InterruptedException {
            ItJobs.record(mark);
            while (!RELEASED.contains(mark.key()) && !context.stopRequested()) {
                Thread.sleep(20);
            }
        }
    }

    /** Enqueues continuations in transactions of their own, as concurrent application code would. */
    @ApplicationScoped
    public static class Writer {
        @Inject
        JobQueue jobs;

        @Transactional
        public JobId after(JobId parent, ItJobs.Mark mark) {
            return jobs.enqueueAfter(parent, ItJobs.RecordJob.class, mark);
        }
    }

    @Inject
    JobQueue jobs;

    @Inject
    JobQueries queries;

    @Inject
    Writer writer;

    private static ItJobs.Mark mark(String what) {
        return new ItJobs.Mark(what + "-" + UUID.randomUUID());
    }

    private JobInfo job(JobId id) {
        return jobs.find(id).orElseThrow();
    }

    private JobInfo awaitState(JobId id, JobState state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).map(JobInfo::state).orElse(null) == state);
        return job(id);
    }

    @Test
    void a_continuation_waits_for_its_parent_and_runs_only_after_it_succeeded() {
        ItJobs.Mark parentMark = mark("parent");
        ItJobs.Mark childMark = mark("child");
        JobId parent = jobs.enqueue(HeldJob.class, parentMark);
        JobId child = jobs.enqueueAfter(parent, ItJobs.RecordJob.class, childMark);
        assertThat(job(child).state()).isEqualTo(JobState.WAITING);
        assertThat(job(child).parentId()).isEqualTo(parent);

        awaitState(parent, JobState.RUNNING);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> job(child).state() == JobState.WAITING);
        assertThat(ItJobs.runs(childMark.key())).isEmpty();

        RELEASED.add(parentMark.key());
        awaitState(child, JobState.SUCCEEDED);
        assertThat(ItJobs.runs(childMark.key())).singleElement()
                .satisfies(start -> assertThat(start).isAfterOrEqualTo(ItJobs.runs(parentMark.key()).get(0)));
    }

    @Test
    void a_chain_of_three_runs_in_order() {
        ItJobs.Mark a = mark("a");
        ItJobs.Mark b = mark("b");
        ItJobs.Mark c = mark("c");
        JobId first = jobs.enqueue(HeldJob.class, a);
        JobId second = jobs.enqueueAfter(first, ItJobs.RecordJob.class, b);
        JobId third = jobs.enqueueAfter(second, ItJobs.RecordJob.class, c);
        assertThat(job(third).state()).isEqualTo(JobState.WAITING);
        RELEASED.add(a.key());
        awaitState(third, JobState.SUCCEEDED);
        assertThat(ItJobs.runs(c.key()).get(0)).isAfterOrEqualTo(ItJobs.runs(b.key()).get(0));
        assertThat(ItJobs.runs(b.key()).get(0)).isAfterOrEqualTo(ItJobs.runs(a.key()).get(0));
    }

    @Test
    void a_dead_parent_cancels_its_waiting_children_and_grandchildren_with_the_reason() {
        JobId parent = jobs.enqueue(ItJobs.FailJob.class, mark("dies"), JobOptions.defaults().maxRetries(0)
                .delay(Duration.ofMillis(500)));
        ItJobs.Mark childMark = mark("orphan");
        JobId child = jobs.enqueueAfter(parent, ItJobs.RecordJob.class, childMark);
        JobId grandchild = jobs.enqueueAfter(child, ItJobs.RecordJob.class, mark("grand-orphan"));

        awaitState(parent, JobState.DEAD);
        JobInfo cancelled = awaitState(child, JobState.CANCELLED);
        assertThat(cancelled.lastError()).isEqualTo("parent " + parent + " ended DEAD");
        assertThat(awaitState(grandchild, JobState.CANCELLED).lastError())
                .isEqualTo("parent " + child + " ended CANCELLED");
        assertThat(ItJobs.runs(childMark.key())).isEmpty();

        // a continuation of a job that already ended is settled at once
        assertThat(job(jobs.enqueueAfter(parent, ItJobs.RecordJob.class, mark("late"))).state())
                .isEqualTo(JobState.CANCELLED);
    }

    @Test
    void cancelling_a_parent_cancels_its_children_and_a_succeeded_parent_gives_a_queued_child() {
        JobId parent = jobs.enqueue(ItJobs.RecordJob.class, mark("later"), JobOptions.defaults()
                .delay(Duration.ofHours(1)));
        JobId child = jobs.enqueueAfter(parent, ItJobs.RecordJob.class, mark("never"));
        assertThat(jobs.cancel(parent)).isTrue();
        assertThat(job(child).state()).isEqualTo(JobState.CANCELLED);
        assertThat(job(child).lastError()).isEqualTo("parent " + parent + " ended CANCELLED");

        JobId done = jobs.enqueue(ItJobs.RecordJob.class, mark("done"));
        awaitState(done, JobState.SUCCEEDED);
        ItJobs.Mark lateMark = mark("late-child");
        JobId late = jobs.enqueueAfter(done, ItJobs.RecordJob.class, lateMark);
        awaitState(late, JobState.SUCCEEDED);

        assertThatThrownBy(() -> jobs.enqueueAfter(new JobId(Long.MAX_VALUE - 7), ItJobs.RecordJob.class, mark("x")))
                .isInstanceOf(InvalidJobException.class)
                .satisfies(e -> assertThat(((InvalidJobException) e).field()).isEqualTo("after"));
    }

    /**
     * Children are inserted by concurrent transactions while their parent runs and completes: each
     * one must end SUCCEEDED, never stay WAITING.
     */
    @Test
    void children_inserted_while_their_parent_completes_are_never_stranded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<JobId> children = new ArrayList<>();
        try {
            for (int round = 0; round < 25; round++) {
                JobId parent = jobs.enqueue(ItJobs.RecordJob.class, mark("racing-parent"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JobId>> inserts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    inserts.add(pool.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        return writer.after(parent, mark("racing-child"));
                    }));
                }
                go.countDown();
                for (Future<JobId> insert : inserts) {
                    children.add(insert.get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> children.stream()
                .allMatch(id -> job(id).state() == JobState.SUCCEEDED));
    }

    @Test
    void a_batch_runs_its_on_complete_job_once_after_every_job_finished() {
        ItJobs.Mark held = mark("batch-held");
        ItJobs.Mark quick = mark("batch-quick");
        RELEASED.add(quick.key());
        ItJobs.Mark done = mark("batch-done");
        JobBatch batch = jobs.enqueueAll(HeldJob.class, List.of(held, quick), JobOptions.defaults(),
                ItJobs.RecordJob.class, done);
        assertThat(batch.jobs()).hasSize(2);
        assertThat(job(batch.jobs().get(0)).batchId()).isEqualTo(batch.id().value());

        awaitState(batch.jobs().get(1), JobState.SUCCEEDED);
        awaitState(batch.jobs().get(0), JobState.RUNNING);
        assertThat(job(batch.id()).state()).isEqualTo(JobState.WAITING);
        assertThat(jobs.batchCounts(batch.id())).containsEntry(JobState.SUCCEEDED, 1L)
                .containsEntry(JobState.RUNNING, 1L);

        RELEASED.add(held.key());
        awaitState(batch.id(), JobState.SUCCEEDED);
        assertThat(ItJobs.runs(done.key())).hasSize(1);
        assertThat(ItJobs.runs(done.key()).get(0)).isAfterOrEqualTo(ItJobs.runs(held.key()).get(0));
        assertThat(jobs.batchCounts(batch.id())).containsEntry(JobState.SUCCEEDED, 2L).hasSize(1);
    }

    @Test
    void a_batch_whose_jobs_die_still_completes_and_counts_them() {
        ItJobs.Mark done = mark("dead-batch-done");
        JobBatch batch = jobs.enqueueAll(ItJobs.FailJob.class, List.of(mark("d1"), mark("d2")),
                JobOptions.defaults().maxRetries(0), ItJobs.RecordJob.class, done);
        awaitState(batch.id(), JobState.SUCCEEDED);
        assertThat(jobs.batchCounts(batch.id())).containsEntry(JobState.DEAD, 2L);
        assertThat(ItJobs.runs(done.key())).hasSize(1);
    }

    private ScheduleSpec schedule(String name) {
        return queries.schedule(name).orElseThrow();
    }

    private long jobsFiredBy(String name) {
        return queries.list(new dev.eejobs.api.JobFilter(null, "it-held", null), null, 1_000).stream()
                .filter(j -> j.argumentJson().contains(name)).count()
                + queries.list(new dev.eejobs.api.JobFilter(null, "it-record", null), null, 1_000).stream()
                .filter(j -> j.argumentJson().contains(name)).count();
    }

    @Test
    void a_paused_schedule_fires_nothing_and_resumes_at_its_next_tick() {
        String name = "it-pause-" + UUID.randomUUID();
        jobs.every(name, Duration.ofSeconds(1), ItJobs.RecordJob.class, new ItJobs.Mark(name));
        await().atMost(Duration.ofSeconds(20)).until(() -> ItJobs.runs(name).size() >= 1);
        assertThat(jobs.pauseSchedule(name)).isTrue();
        assertThat(schedule(name).paused()).isTrue();
        // a fire already decided before the pause may still land: then nothing more
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long fired = jobsFiredBy(name);
        // re-declaring a paused schedule keeps it paused
        jobs.every(name, Duration.ofSeconds(1), ItJobs.RecordJob.class, new ItJobs.Mark(name));
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).until(() -> jobsFiredBy(name) == fired);
        assertThat(schedule(name).paused()).isTrue();

        assertThat(jobs.resumeSchedule(name)).isTrue();
        assertThat(schedule(name).paused()).isFalse();
        assertThat(schedule(name).nextFireAt()).isAfter(java.time.Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobsFiredBy(name) > fired);
        assertThat(jobs.pauseSchedule("it-no-such-schedule")).isFalse();
        jobs.cancelSchedule(name);
    }

    @Test
    void a_trigger_fires_once_now_without_moving_the_next_tick() {
        String name = "it-trigger-" + UUID.randomUUID();
        jobs.every(name, Duration.ofHours(1), ItJobs.RecordJob.class, new ItJobs.Mark(name));
        // the first tick is due at once: let it fire, then the next is an hour away
        await().atMost(Duration.ofSeconds(20)).until(() -> ItJobs.runs(name).size() == 1);
        var next = schedule(name).nextFireAt();
        JobId fired = jobs.triggerSchedule(name).orElseThrow();
        awaitState(fired, JobState.SUCCEEDED);
        assertThat(ItJobs.runs(name)).hasSize(2);
        assertThat(schedule(name).nextFireAt()).isEqualTo(next);
        assertThat(schedule(name).lastJobId()).isEqualTo(fired);
        assertThat(jobs.triggerSchedule("it-no-such-schedule")).isEmpty();
        jobs.cancelSchedule(name);
    }

    @Test
    void overlap_skip_skips_ticks_while_the_previous_job_runs_and_allow_does_not() {
        String skip = "it-skip-" + UUID.randomUUID();
        String allow = "it-allow-" + UUID.randomUUID();
        jobs.every(skip, Duration.ofSeconds(1), HeldJob.class, new ItJobs.Mark(skip));
        jobs.every(allow, Duration.ofSeconds(1), HeldJob.class, new ItJobs.Mark(allow), ScheduleOverlap.ALLOW);
        assertThat(schedule(skip).overlap()).isEqualTo(ScheduleOverlap.SKIP);
        assertThat(schedule(allow).overlap()).isEqualTo(ScheduleOverlap.ALLOW);
        await().atMost(Duration.ofSeconds(20)).until(() -> ItJobs.runs(allow).size() >= 3);
        // three ticks went by with the first job of each still running
        assertThat(jobsFiredBy(skip)).isEqualTo(1);
        jobs.pauseSchedule(skip);
        jobs.pauseSchedule(allow);
        RELEASED.add(skip);
        RELEASED.add(allow);
        jobs.cancelSchedule(skip);
        jobs.cancelSchedule(allow);
    }
}
