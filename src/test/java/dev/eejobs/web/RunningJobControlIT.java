package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobState;
import dev.eejobs.engine.ItDeployment;
import dev.eejobs.engine.ItServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job control over HTTP against the deployed WAR and its database (H2, PostgreSQL, MariaDB):
 * timeouts, cancelling running jobs, the attempt history, progress and log lines, with the demo's
 * {@code demo-sleep} job as a user would try them. One deployment for the whole class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunningJobControlIT {

    /** A queue of this run only, so jobs left by earlier runs on a shared database never get in the way. */
    static final String QUEUE = "control-" + UUID.randomUUID().toString().substring(0, 8);

    static final String SETTINGS = String.join("\n",
            "jobs.workers=4",
            "jobs.queues=default," + QUEUE,
            "jobs.heartbeat=1s",
            "jobs.poll-interval=200ms",
            "jobs.housekeeping-interval=200ms",
            "jobs.shutdown-grace=1s");

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("job-control-it", SETTINGS, HttpItJobs.class, HttpItJobs.Key.class,
                HttpItJobs.StubbornJob.class, ItSql.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api() {
        return new ApiClient(base);
    }

    private String enqueueSleep(String options, long millis, int steps, boolean fail) {
        ApiClient.Reply reply = api().post("api/jobs/demo-sleep?queue=" + QUEUE + options, DEMO,
                "{\"millis\":" + millis + ",\"steps\":" + steps + ",\"fail\":" + fail + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().getString("id");
    }

    private JsonObject job(String id) {
        return api().get("api/jobs/" + id, DEMO).json();
    }


    private JsonArray attempts(String id) {
        ApiClient.Reply reply = api().get("api/jobs/" + id + "/attempts", DEMO);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return (JsonArray) reply.structure();
    }

    private JsonArray log(String id) {
        ApiClient.Reply reply = api().get("api/jobs/" + id + "/log", DEMO);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return (JsonArray) reply.structure();
    }

    private static List<String> messages(JsonArray lines) {
        return lines.stream().map(l -> l.asJsonObject().getString("message")).toList();
    }

    @Test
    void a_job_that_succeeds_keeps_its_attempt_its_last_progress_and_every_log_line() {
        String id = enqueueSleep("", 300, 3, false);
        JsonObject done = api().awaitStatus(id, JobState.SUCCEEDED);

        assertThat(done.getJsonObject("progress").getInt("percent")).isEqualTo(100);
        assertThat(done.getJsonObject("progress").getString("message")).isEqualTo("step 3 of 3");
        assertThat(absent(done, "timeout")).isTrue();
        assertThat(done.getBoolean("cancelRequested")).isFalse();
        JsonArray attempts = attempts(id);
        assertThat(attempts).hasSize(1);
        JsonObject attempt = attempts.getJsonObject(0);
        assertThat(attempt.getInt("attempt")).isEqualTo(1);
        assertThat(attempt.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(attempt.getString("node")).isNotBlank();
        assertThat(attempt.getString("startedAt")).isNotBlank();
        assertThat(attempt.getString("finishedAt")).isNotBlank();
        assertThat(attempt.getJsonNumber("durationMillis").longValue()).isGreaterThanOrEqualTo(250);
        assertThat(absent(attempt, "error")).isTrue();
        assertThat(messages(log(id))).containsExactly("sleeping 300 ms in 3 steps (attempt 1)", "step 1 of 3 done",
                "step 2 of 3 done", "step 3 of 3 done");
        assertThat(log(id).getJsonObject(0).getInt("attempt")).isEqualTo(1);
    }

    @Test
    void a_job_past_its_timeout_is_interrupted_retried_and_then_dead_with_each_attempt_timed_out() {
        String id = enqueueSleep("&timeout=700ms&maxRetries=1&backoff=fixed(100ms)", 60_000, 600, false);
        assertThat(job(id).getString("timeout")).isEqualTo("700ms");
        JsonObject dead = api().awaitStatus(id, JobState.DEAD);

        assertThat(dead.getInt("attempts")).isEqualTo(2);
        assertThat(dead.getString("lastError")).startsWith("timed out after 700ms");
        JsonArray attempts = attempts(id);
        assertThat(attempts).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonObject attempt = attempts.getJsonObject(i);
            assertThat(attempt.getInt("attempt")).isEqualTo(i + 1);
            assertThat(attempt.getString("outcome")).isEqualTo("TIMED_OUT");
            assertThat(attempt.getString("error")).isEqualTo("timed out after 700ms");
            // interrupted: the minute-long sleep ended soon after its deadline
            assertThat(attempt.getJsonNumber("durationMillis").longValue()).isBetween(700L, 20_000L);
        }
        assertThat(messages(log(id))).contains("sleeping 60000 ms in 600 steps (attempt 1)",
                "sleeping 60000 ms in 600 steps (attempt 2)");
        if (ItServer.hasMicroProfileMetrics()) {
            assertThat(counted("eejobs_jobs_timed_out_total")).as("timeouts counted").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_running_job_is_cancelled_shows_its_progress_and_is_never_retried() {
        String id = enqueueSleep("&maxRetries=3", 60_000, 600, false);
        api().awaitStatus(id, JobState.RUNNING);
        // progress and log lines of a running job appear with its next heartbeat
        await().atMost(PATIENCE).until(() -> !absent(job(id), "progress"));
        assertThat(job(id).getJsonObject("progress").getInt("percent")).isBetween(0, 99);
        await().atMost(PATIENCE).until(() -> messages(log(id)).contains("sleeping 60000 ms in 600 steps (attempt 1)"));

        ApiClient.Reply accepted = api().post("api/jobs/" + id + "/cancel", DEMO, null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().getString("status")).as("still running, or already stopped on this node")
                .isIn("RUNNING", "CANCELLED");
        assertThat(accepted.json().getBoolean("cancelRequested")).isTrue();

        JsonObject cancelled = api().awaitStatus(id, JobState.CANCELLED);
        assertThat(cancelled.getInt("attempts")).isEqualTo(1);
        assertThat(absent(cancelled, "progress")).isFalse();
        JsonArray attempts = attempts(id);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getJsonObject(0).getString("outcome")).isEqualTo("CANCELLED");
        ApiClient.Reply again = api().post("api/jobs/" + id + "/cancel", DEMO, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(job(id).getString("status")).as("never retried").isEqualTo("CANCELLED");
        if (ItServer.hasMicroProfileMetrics()) {
            assertThat(counted("eejobs_jobs_cancelled_running_total")).as("counted").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void a_job_ignoring_interruption_at_its_timeout_is_reported() {
        long before = stopIgnored();
        ApiClient.Reply reply = api().post("api/jobs/it-stubborn?queue=" + QUEUE + "&timeout=200ms", DEMO,
                "{\"key\":\"" + UUID.randomUUID() + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String id = reply.json().getString("id");

        await().atMost(PATIENCE).until(() -> stopIgnored() > before);
        JsonObject dead = api().awaitStatus(id, JobState.DEAD);
        assertThat(dead.getString("lastError")).startsWith("timed out after 200ms");
        assertThat(attempts(id).getJsonObject(0).getString("outcome")).isEqualTo("TIMED_OUT");
    }

    @Test
    void a_failing_attempt_keeps_its_error_and_trace() {
        String id = enqueueSleep("&maxRetries=0", 10, 1, true);
        api().awaitStatus(id, JobState.DEAD);
        JsonObject attempt = attempts(id).getJsonObject(0);
        assertThat(attempt.getString("outcome")).isEqualTo("FAILED");
        assertThat(attempt.getString("error")).contains("IllegalStateException").contains("failed on purpose");
        assertThat(attempt.getString("trace")).contains("IllegalStateException");
    }

    @Test
    void attempts_and_log_lines_are_deleted_with_their_job() {
        String id = enqueueSleep("&maxRetries=0", 10, 1, true);
        api().awaitStatus(id, JobState.DEAD);
        assertThat(attempts(id)).hasSize(1);
        assertThat(rows("eejobs_attempt", id) + rows("eejobs_job_log", id)).isEqualTo(1 + 2);

        assertThat(api().delete("api/jobs/" + id, DEMO).status()).isEqualTo(204);
        assertThat(api().get("api/jobs/" + id + "/attempts", DEMO).status()).isEqualTo(404);
        assertThat(rows("eejobs_attempt", id) + rows("eejobs_job_log", id)).isZero();
    }

    @Test
    void a_success_is_kept_on_the_job_row_and_listed_last() {
        String id = enqueueSleep("&maxRetries=1", 10, 1, false);
        JsonObject done = api().awaitStatus(id, JobState.SUCCEEDED);
        JsonObject attempt = attempts(id).getJsonObject(0);
        assertThat(attempts(id)).hasSize(1);
        assertThat(attempt.getInt("attempt")).isEqualTo(1);
        assertThat(attempt.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(attempt.getString("node")).isNotBlank();
        assertThat(attempt.getJsonNumber("durationMillis").longValue()).isGreaterThanOrEqualTo(10);
        assertThat(done.getInt("attempts")).isEqualTo(1);
        assertThat(rows("eejobs_attempt", id)).as("a success writes no history row of its own").isZero();
    }

    @Test
    void bad_timeouts_and_demo_arguments_are_refused_naming_the_field() {
        assertProblem(api().post("api/jobs/demo-sleep?timeout=soon", DEMO, "{\"millis\":1,\"steps\":1,\"fail\":false}"),
                "timeout");
        assertProblem(api().post("api/jobs/demo-sleep?timeout=0ms", DEMO, "{\"millis\":1,\"steps\":1,\"fail\":false}"),
                "timeout");
        assertProblem(api().post("api/jobs/demo-sleep", DEMO, "{\"millis\":-1,\"steps\":1,\"fail\":false}"),
                "argument.millis");
        assertProblem(api().post("api/jobs/demo-sleep", DEMO, "{\"millis\":10,\"steps\":0,\"fail\":false}"),
                "argument.steps");
        assertThat(api().get("api/jobs/" + Long.MAX_VALUE + "/log", DEMO).status()).isEqualTo(404);
    }

    /** @return a counter of this node for demo-sleep jobs on this run's queue */
    private double counted(String counter) {
        String metrics = api().get("/metrics?scope=application", null).body();
        return HttpApiIT.metric(metrics, counter, Map.of("type", "demo-sleep", "queue", QUEUE));
    }

    /** @return whether the field is null: JSON-B leaves null fields out */
    private static boolean absent(JsonObject object, String field) {
        return !object.containsKey(field) || object.isNull(field);
    }

    private static void assertProblem(ApiClient.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(reply.json().getString("field", null)).isEqualTo(field);
    }

    private long rows(String table, String jobId) {
        ApiClient.Reply reply = api().send("POST", "it-sql", null, "text/plain",
                "SELECT COUNT(*) FROM " + table + " WHERE job_id = " + jobId, false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Long.parseLong(reply.body().trim());
    }

    /** @return how many attempts this node reported as ignoring their stop (liveness data) */
    private long stopIgnored() {
        JsonObject health = api().get(ItServer.health(base, "/health/live"), null).json();
        return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("eejobs-engine"))
                .mapToLong(c -> Long.parseLong(c.getJsonObject("data").get("stopIgnored").toString().replace("\"", "")))
                .findFirst().orElseThrow();
    }
}
