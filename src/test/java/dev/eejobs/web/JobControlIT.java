package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.OPERATOR;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Enqueued;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.engine.ItDeployment;
import dev.eejobs.engine.ItServer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job control of issue 12 against the configured server and database: unique jobs, paused queues
 * and bulk actions, through the Java API (in the container, where caller transactions and racing
 * threads can be made) and the HTTP API (as a client). One deployment for the whole class.
 *
 * <p>Queue {@link #HELD} is paused by the tests that need jobs to stay QUEUED; the database is shared
 * with earlier runs, so every test works on keys, marks and job ids of its own and sets the pause
 * it needs instead of assuming one.
 */
@ExtendWith(ArquillianExtension.class)
class JobControlIT {

    static final String HELD = "ctl-held";
    static final String OTHER = "ctl-other";
    static final String PAUSE_HTTP = "ctl-pause-http";

    static final String SETTINGS = String.join("\n",
            "jobs.workers=2",
            "jobs.queues=default," + HELD + "," + OTHER + "," + PAUSE_HTTP,
            "jobs.poll-interval=200ms",
            "jobs.housekeeping-interval=200ms",
            "jobs.shutdown-grace=1s",
            "jobs.metrics.counts-refresh=200ms");

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return ItDeployment.war("job-control-it", SETTINGS, JobControlIT.class, Support.class, Mark.class,
                MarkJob.class, DerivedJob.class, DeadJob.class, ApiClient.class, ApiClient.Reply.class,
                ItServer.class);
    }

    /** A test job's argument. */
    public record Mark(String key) {}

    /** Succeeds; enqueueable over HTTP. */
    @ApplicationScoped
    @BackgroundJob(name = "ctl-mark", httpEnqueue = true)
    public static class MarkJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) {}
    }

    /** Unique by its argument, on the held queue so its jobs stay QUEUED while it is paused. */
    @ApplicationScoped
    @BackgroundJob(name = "ctl-derived", queue = HELD, uniqueKey = BackgroundJob.ARGUMENT_KEY)
    public static class DerivedJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) {}
    }

    /** Dies at its first attempt: DEAD jobs for the bulk retry and delete. */
    @ApplicationScoped
    @BackgroundJob(name = "ctl-dead", maxRetries = 0)
    public static class DeadJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) {
            throw new IllegalStateException("ctl-dead always fails");
        }
    }

    /** Container-side help: caller transactions and queries on the tables. */
    @ApplicationScoped
    public static class Support {
        @Inject
        JobQueue jobs;

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        /**
         * In one transaction: a unique enqueue that turns out a duplicate, then a plain enqueue.
         *
         * @return the duplicate's outcome and the plain job's id
         */
        @Transactional
        public List<Object> duplicateThenEnqueue(String key, Mark plain) {
            Enqueued duplicate = jobs.submit(MarkJob.class, new Mark("dup"), JobOptions.defaults().queue(HELD)
                    .uniqueKey(key));
            JobId id = jobs.enqueue(MarkJob.class, plain, JobOptions.defaults().queue(HELD));
            return List.of(duplicate, id);
        }

        @Transactional
        public JobId uniqueAndRollBack(String key) {
            jobs.submit(MarkJob.class, new Mark(key), JobOptions.defaults().queue(HELD).uniqueKey(key));
            throw new IllegalStateException("caller fails after enqueueing");
        }

        /** @return how many jobs of the type carry the key */
        public long jobsWithKey(String type, String key) throws SQLException {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM eejobs_job WHERE job_type = ? AND unique_key = ?")) {
                s.setString(1, type);
                s.setString(2, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** @return the stored pause of the queue, or null without a row */
        public Boolean storedPause(String queue) throws SQLException {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT paused FROM eejobs_queue_state WHERE queue_name = ?")) {
                s.setString(1, queue);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getBoolean(1) : null;
                }
            }
        }
    }

    @Inject
    JobQueue jobs;

    @Inject
    Support support;

    @ArquillianResource
    URL base;

    private static Mark mark(String what) {
        return new Mark(what + "-" + UUID.randomUUID());
    }

    private static String key(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private JobInfo awaitState(JobId id, JobState state) {
        await().atMost(PATIENCE).until(() -> jobs.find(id).map(JobInfo::state).orElse(null) == state);
        return jobs.find(id).orElseThrow();
    }

    private JobState state(JobId id) {
        return jobs.find(id).orElseThrow().state();
    }

    // ---- unique jobs, Java API ----

    @Test
    void a_duplicate_returns_the_active_job_and_once_it_finished_a_new_job_is_stored() {
        jobs.pauseQueue(HELD);
        String key = key("dup");
        JobOptions unique = JobOptions.defaults().queue(HELD).uniqueKey(key);
        Enqueued first = jobs.submit(MarkJob.class, mark("first"), unique);
        assertThat(first.created()).isTrue();
        assertThat(jobs.find(first.id()).orElseThrow().uniqueKey()).isEqualTo(key);

        Enqueued again = jobs.submit(MarkJob.class, mark("again"), unique);
        assertThat(again).isEqualTo(new Enqueued(first.id(), false));
        assertThat(jobs.enqueue(MarkJob.class, mark("plain-enqueue"), unique)).isEqualTo(first.id());

        jobs.resumeQueue(HELD);
        awaitState(first.id(), JobState.SUCCEEDED);
        // a SUCCEEDED job counts only for a caller asking for a period
        assertThat(jobs.submit(MarkJob.class, mark("recent"), unique.uniqueFor(Duration.ofHours(1))))
                .isEqualTo(new Enqueued(first.id(), false));
        Enqueued next = jobs.submit(MarkJob.class, mark("next"), unique);
        assertThat(next.created()).isTrue();
        assertThat(next.id()).isNotEqualTo(first.id());
        awaitState(next.id(), JobState.SUCCEEDED);
    }

    @Test
    void of_many_threads_enqueueing_the_same_key_exactly_one_stores_a_job() throws Exception {
        jobs.pauseQueue(HELD);
        String key = key("race");
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Enqueued> outcomes = new ArrayList<>();
        try {
            List<Future<Enqueued>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return jobs.submit(MarkJob.class, mark("racer"), JobOptions.defaults().queue(HELD).uniqueKey(key));
                }));
            }
            start.countDown();
            for (Future<Enqueued> r : results) {
                outcomes.add(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).filteredOn(Enqueued::created).hasSize(1);
        assertThat(outcomes).extracting(Enqueued::id).containsOnly(outcomes.get(0).id());
        assertThat(support.jobsWithKey("ctl-mark", key)).isEqualTo(1);
    }

    @Test
    void a_duplicate_inside_a_caller_transaction_does_not_roll_it_back() throws Exception {
        jobs.pauseQueue(HELD);
        String key = key("tx");
        Enqueued holder = jobs.submit(MarkJob.class, mark("holder"), JobOptions.defaults().queue(HELD).uniqueKey(key));

        List<Object> inTransaction = support.duplicateThenEnqueue(key, mark("after-duplicate"));

        assertThat(inTransaction.get(0)).isEqualTo(new Enqueued(holder.id(), false));
        JobId plain = (JobId) inTransaction.get(1);
        assertThat(jobs.find(plain)).as("the caller's own job, committed with it").isPresent();
        assertThat(support.jobsWithKey("ctl-mark", key)).isEqualTo(1);

        // a unique job stored in a transaction that rolls back leaves its key free
        String rolledBack = key("rolled-back");
        assertThatThrownBy(() -> support.uniqueAndRollBack(rolledBack)).isNotNull();
        assertThat(support.jobsWithKey("ctl-mark", rolledBack)).isZero();
        assertThat(jobs.submit(MarkJob.class, mark("later"), JobOptions.defaults().queue(HELD).uniqueKey(rolledBack))
                .created()).isTrue();
    }

    @Test
    void a_key_derived_from_the_argument_deduplicates_equal_arguments_also_within_one_batch() {
        jobs.pauseQueue(HELD);
        Mark a = mark("derived-a");
        Mark b = mark("derived-b");
        List<JobId> ids = jobs.enqueueAll(DerivedJob.class, List.of(a, a, b), JobOptions.defaults());
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
        assertThat(jobs.submit(DerivedJob.class, a, JobOptions.defaults())).isEqualTo(new Enqueued(ids.get(0), false));
        assertThat(jobs.find(ids.get(0)).orElseThrow().uniqueKey()).isEqualTo("{\"key\":\"" + a.key() + "\"}");

        assertThatThrownBy(() -> jobs.enqueueAll(MarkJob.class, List.of(a, b), JobOptions.defaults().uniqueKey("one")))
                .isInstanceOf(InvalidJobException.class)
                .extracting(e -> ((InvalidJobException) e).field()).isEqualTo("uniqueKey");
        assertThatThrownBy(() -> JobOptions.defaults().uniqueKey("line\nbreak")).isInstanceOf(InvalidJobException.class)
                .extracting(e -> ((InvalidJobException) e).field()).isEqualTo("uniqueKey");
        assertThatThrownBy(() -> JobOptions.defaults().uniqueKey("x".repeat(201)))
                .isInstanceOf(InvalidJobException.class);
    }

    // ---- paused queues, Java API ----

    @Test
    void a_paused_queue_is_claimed_by_no_worker_while_another_runs_and_resume_runs_it() throws Exception {
        jobs.pauseQueue(HELD);
        assertThat(support.storedPause(HELD)).as("stored, so it survives restarts").isTrue();
        assertThat(jobs.pausedQueues()).contains(HELD);

        JobId held = jobs.enqueue(MarkJob.class, mark("held"), JobOptions.defaults().queue(HELD));
        JobId other = jobs.enqueue(MarkJob.class, mark("other"), JobOptions.defaults().queue(OTHER));
        awaitState(other, JobState.SUCCEEDED);
        // several polls (200 ms) and wake-ups later the paused queue's job has not been claimed
        Thread.sleep(1_500);
        assertThat(state(held)).isEqualTo(JobState.QUEUED);

        assertThat(jobs.resumeQueue(HELD)).isTrue();
        assertThat(jobs.resumeQueue(HELD)).isFalse();
        assertThat(support.storedPause(HELD)).isFalse();
        assertThat(jobs.pausedQueues()).doesNotContain(HELD);
        awaitState(held, JobState.SUCCEEDED);

        assertThatThrownBy(() -> jobs.pauseQueue("not a queue")).isInstanceOf(InvalidJobException.class)
                .extracting(e -> ((InvalidJobException) e).field()).isEqualTo("queue");
    }

    // ---- bulk actions, Java API ----

    @Test
    void bulk_retry_and_delete_act_on_the_selected_dead_jobs_in_pages() {
        JobFilter dead = new JobFilter(JobState.DEAD, "ctl-dead", null);
        jobs.deleteAll(dead, null); // dead jobs of earlier runs
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(jobs.enqueue(DeadJob.class, mark("dead")));
        }
        ids.forEach(id -> awaitState(id, JobState.DEAD));
        assertThat(jobs.count(dead, null)).isEqualTo(3);
        assertThat(jobs.count(dead, Instant.now().minusSeconds(3600))).as("none older than an hour").isZero();

        assertThat(jobs.retryAll(dead, null)).isEqualTo(3);
        // each ran again (its attempts were reset, so a second death means a second run)
        ids.forEach(id -> await().atMost(PATIENCE).until(() -> {
            JobInfo job = jobs.find(id).orElseThrow();
            return job.state() == JobState.DEAD && job.attempts() == 1;
        }));

        assertThat(jobs.deleteAll(dead, null)).isEqualTo(3);
        ids.forEach(id -> assertThat(jobs.find(id)).isEmpty());

        assertThatThrownBy(() -> jobs.retryAll(new JobFilter(JobState.QUEUED, "ctl-dead", null), null))
                .isInstanceOf(InvalidJobException.class)
                .extracting(e -> ((InvalidJobException) e).field()).isEqualTo("status");
        assertThatThrownBy(() -> jobs.deleteAll(new JobFilter(null, "ctl-dead", null), null))
                .isInstanceOf(InvalidJobException.class);
    }

    @Test
    void bulk_cancel_cancels_the_selected_queued_jobs() {
        jobs.pauseQueue(HELD);
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(jobs.enqueue(MarkJob.class, mark("cancel"), JobOptions.defaults().queue(HELD)));
        }
        JobFilter queued = new JobFilter(JobState.QUEUED, "ctl-mark", HELD);
        long selected = jobs.count(queued, null);
        assertThat(selected).isGreaterThanOrEqualTo(3);
        assertThat(jobs.cancelAll(queued, null)).isEqualTo(selected);
        ids.forEach(id -> assertThat(state(id)).isEqualTo(JobState.CANCELLED));
        assertThat(jobs.count(queued, null)).isZero();
    }

    // ---- HTTP ----

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String json(String key) {
        return "{\"key\":\"" + key + "\"}";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    @RunAsClient
    void over_http_a_duplicate_answers_200_with_the_existing_job_and_a_new_job_202() {
        ApiClient api = api();
        assertThat(api.post("api/queues/" + HELD + "/pause", DEMO, null).status()).isEqualTo(200);
        String key = key("http");
        ApiClient.Reply created = api.post("api/jobs/ctl-mark?queue=" + HELD + "&uniqueKey=" + key, PRODUCER,
                json("a"));
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().getString("id");
        assertThat(created.json().getString("uniqueKey")).isEqualTo(key);
        assertThat(created.header("Location")).endsWith("/api/jobs/" + id);

        ApiClient.Reply duplicate = api.post("api/jobs/ctl-mark?queue=" + HELD + "&uniqueKey=" + key, PRODUCER,
                json("b"));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.json().getString("id")).isEqualTo(id);
        assertThat(duplicate.json().getString("status")).isEqualTo("QUEUED");
        assertThat(duplicate.header("Location")).endsWith("/api/jobs/" + id);
        java.util.regex.Pattern deduplicated = java.util.regex.Pattern.compile("(?m)^eejobs_jobs_deduplicated_total"
                + "\\{(?=[^}]*queue=\"" + HELD + "\")(?=[^}]*type=\"ctl-mark\")[^}]*\\} ([1-9][0-9]*)(\\.0)?$");
        if (ItServer.hasMicroProfileMetrics()) { // WildFly serves no MicroProfile Metrics
            assertThat(deduplicated.matcher(api.get("/metrics?scope=application", null).body()).find())
                    .as("the deduplicated enqueue is counted").isTrue();
        }

        ApiClient.Reply badKey = api.post("api/jobs/ctl-mark?uniqueKey=" + encode("tab\there"), PRODUCER, json("c"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body()).contains("uniqueKey");
        ApiClient.Reply batch = api.post("api/jobs/ctl-mark/batch?uniqueKey=" + key, PRODUCER,
                "[" + json("d") + "," + json("e") + "]");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.body()).contains("uniqueKey");
    }

    @Test
    @RunAsClient
    void over_http_a_queue_is_paused_and_resumed_and_shows_it_in_queues_health_and_metrics() {
        ApiClient api = api();
        String fresh = "ctl-never-used-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply empty = api.post("api/queues/" + fresh + "/pause", OPERATOR, null);
        assertThat(empty.status()).as("a queue without jobs may be paused").isEqualTo(200);
        assertThat(empty.json().getBoolean("paused")).isTrue();
        assertThat(api.post("api/queues/" + fresh + "/resume", OPERATOR, null).json().getBoolean("paused")).isFalse();

        ApiClient.Reply paused = api.post("api/queues/" + PAUSE_HTTP + "/pause", OPERATOR, null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().getString("name")).isEqualTo(PAUSE_HTTP);
        assertThat(paused.json().getBoolean("paused")).isTrue();
        String id = api.post("api/jobs/ctl-mark?queue=" + PAUSE_HTTP, PRODUCER, json("paused")).json().getString("id");
        assertThat(queueView(api, PAUSE_HTTP).getBoolean("paused")).isTrue();
        await().atMost(PATIENCE).until(() -> {
            JsonObject data = readinessData(api);
            return data != null && data.containsKey("paused." + PAUSE_HTTP);
        });
        java.util.regex.Pattern pausedGauge = java.util.regex.Pattern.compile(
                "(?m)^eejobs_queue_paused\\{[^}]*queue=\"" + PAUSE_HTTP + "\"[^}]*\\} 1(\\.0)?$");
        if (ItServer.hasMicroProfileMetrics()) { // WildFly serves no MicroProfile Metrics
            await().atMost(PATIENCE).until(() -> pausedGauge.matcher(
                    api.get("/metrics?scope=application", null).body()).find());
        }
        assertThat(api.get("api/jobs/" + id, DEMO).json().getString("status")).isEqualTo("QUEUED");

        ApiClient.Reply resumed = api.post("api/queues/" + PAUSE_HTTP + "/resume", OPERATOR, null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().getBoolean("paused")).isFalse();
        await().atMost(PATIENCE).until(() -> api.get("api/jobs/" + id, DEMO).json().getString("status")
                .equals("SUCCEEDED"));

        ApiClient.Reply invalid = api.post("api/queues/" + encode("no good") + "/pause", OPERATOR, null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().getString("field", "")).isEqualTo("name");
        assertThat(api.post("api/queues/" + PAUSE_HTTP + "/pause", PRODUCER, null).status()).isEqualTo(403);
    }

    @Test
    @RunAsClient
    void over_http_bulk_actions_count_and_cancel_by_filter_and_refuse_bad_filters() {
        ApiClient api = api();
        api.post("api/queues/" + HELD + "/pause", DEMO, null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("api/jobs/ctl-mark?queue=" + HELD, PRODUCER, json("bulk" + i)).json().getString("id"));
        }
        String filter = "?status=QUEUED&type=ctl-mark&queue=" + HELD;
        ApiClient.Reply count = api.get("api/jobs/count" + filter, OPERATOR);
        assertThat(count.status()).isEqualTo(200);
        long selected = count.json().getJsonNumber("count").longValue();
        assertThat(selected).isGreaterThanOrEqualTo(3);
        assertThat(api.get("api/jobs/count" + filter + "&olderThan=1h", OPERATOR).json().getJsonNumber("count")
                .longValue()).as("none of them enqueued over an hour ago").isLessThan(selected);

        ApiClient.Reply cancelled = api.post("api/jobs/bulk/cancel" + filter, OPERATOR, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getJsonNumber("count").longValue()).isEqualTo(selected);
        for (String id : ids) {
            assertThat(api.get("api/jobs/" + id, DEMO).json().getString("status")).isEqualTo("CANCELLED");
        }
        ApiClient.Reply deleted = api.post("api/jobs/bulk/delete?status=CANCELLED&type=ctl-mark&queue=" + HELD
                + "&olderThan=" + encode(Instant.now().plusSeconds(60).toString()), OPERATOR, null);
        assertThat(deleted.json().getJsonNumber("count").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("api/jobs/" + ids.get(0), DEMO).status()).isEqualTo(404);

        assertProblem(api.post("api/jobs/bulk/cancel?type=ctl-mark", OPERATOR, null), 400, "status");
        assertProblem(api.post("api/jobs/bulk/retry?status=QUEUED", OPERATOR, null), 400, "status");
        assertProblem(api.post("api/jobs/bulk/delete?status=DEAD&olderThan=yesterday", OPERATOR, null), 400,
                "olderThan");
        assertProblem(api.get("api/jobs/count?status=NOPE", OPERATOR), 400, "status");
        assertProblem(api.post("api/jobs/bulk/explode?status=DEAD", OPERATOR, null), 404, "action");
        assertThat(api.post("api/jobs/bulk/cancel" + filter, PRODUCER, null).status()).isEqualTo(403);
    }

    @Test
    @RunAsClient
    void the_openapi_document_describes_the_job_control_endpoints() {
        assertThat(api().get("/openapi", null).body()).contains("/api/queues/{name}/pause:",
                "/api/queues/{name}/resume:", "/api/jobs/bulk/{action}:", "/api/jobs/count:", "uniqueKey");
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("field", "")).as(reply.body()).isEqualTo(field);
    }

    private static JsonObject queueView(ApiClient api, String name) {
        JsonArray queues = (JsonArray) api.get("api/queues", DEMO).structure();
        return queues.stream().map(JsonValue::asJsonObject).filter(q -> q.getString("name").equals(name))
                .findFirst().orElseThrow();
    }

    private JsonObject readinessData(ApiClient api) {
        JsonObject ready = api.get(ItServer.health(base, "/health/ready"), null).json();
        return ready.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("eejobs-store")).findFirst()
                .map(c -> c.getJsonObject("data")).orElse(null);
    }
}
