package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.OPERATOR;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobState;
import dev.eejobs.engine.ItDeployment;
import dev.eejobs.engine.ItServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP API, health, metrics and OpenAPI over real HTTP against the deployed WAR, as the demo
 * users of {@code server-config/demo-users.asadmin}, and what the database holds on each backend
 * (bounds, rows no API would store, concurrent declarations). One deployment for the whole class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpApiIT {

    /**
     * Queues of this run only: on a database shared with earlier runs, jobs left behind (a long job
     * handed back at shutdown, succeeded jobs within retention) sit on queues no later run works or counts.
     */
    static final String SLOW = uniqueQueue("slow");
    static final String METRICS = uniqueQueue("metrics");

    static final String SETTINGS = String.join("\n",
            "jobs.workers=2",
            "jobs.queues=default," + SLOW + "," + METRICS,
            "jobs.poll-interval=200ms",
            "jobs.housekeeping-interval=200ms",
            "jobs.shutdown-grace=1s",
            "jobs.metrics.counts-refresh=200ms");

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DB = System.getProperty("eejobs.db", "h2");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("http-api-it", SETTINGS, HttpItJobs.class, HttpItJobs.Key.class,
                HttpItJobs.FailOnceJob.class, ItSql.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String key() {
        return "{\"key\":\"" + UUID.randomUUID() + "\"}";
    }


    @Test
    void an_enqueued_job_runs_and_can_be_inspected_listed_and_found_in_its_queue() {
        ApiClient api = api();
        ApiClient.Reply enqueued = api.post("api/jobs/it-record?priority=5&maxRetries=1&backoff=fixed(1s)", PRODUCER, key());

        assertThat(enqueued.status()).isEqualTo(202);
        JsonObject job = enqueued.json();
        String id = job.getString("id");
        assertThat(job.getString("status")).isEqualTo("QUEUED");
        assertThat(job.getInt("priority")).isEqualTo(5);
        assertThat(job.getInt("maxRetries")).isEqualTo(1);
        assertThat(enqueued.header("Location")).endsWith("/api/jobs/" + id);

        JsonObject done = api().awaitStatus(id, JobState.SUCCEEDED);
        assertThat(done.getInt("attempts")).isEqualTo(1);
        assertThat(done.getString("startedAt")).isNotBlank();
        assertThat(done.getString("finishedAt")).isNotBlank();

        JsonArray listed = api.get("api/jobs?type=it-record&status=succeeded&limit=200", DEMO).json().getJsonArray("jobs");
        assertThat(listed.stream().map(v -> v.asJsonObject().getString("id"))).contains(id);

        JsonArray queues = (JsonArray) api.get("api/queues", DEMO).structure();
        JsonObject defaultQueue = queues.stream().map(JsonValue::asJsonObject)
                .filter(q -> q.getString("name").equals("default")).findFirst().orElseThrow();
        assertThat(defaultQueue.getJsonObject("counts").getJsonNumber("SUCCEEDED").longValue()).isPositive();
        assertThat(defaultQueue.getInt("workers")).isEqualTo(2);
        assertThat(defaultQueue.getInt("busy") + defaultQueue.getInt("idle")).isEqualTo(2);
    }

    @Test
    void a_listing_pages_through_every_job_with_its_cursor_and_never_repeats_one() {
        ApiClient api = api();
        String queue = uniqueQueue("page");
        ApiClient.Reply batch = api.post("api/jobs/it-record/batch?delay=1h&queue=" + queue, DEMO,
                "[" + key() + "," + key() + "," + key() + "]");
        assertThat(batch.status()).isEqualTo(202);
        List<String> ids = batch.json().getJsonArray("ids").getValuesAs(JsonValue::toString).stream()
                .map(s -> s.replace("\"", "")).toList();
        assertThat(ids).hasSize(3);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = api.get("api/jobs?status=QUEUED&type=it-record&limit=1&queue=" + queue
                    + (cursor == null ? "" : "&cursor=" + cursor), DEMO).json();
            assertThat(page.getJsonArray("jobs")).hasSizeLessThanOrEqualTo(1);
            page.getJsonArray("jobs").forEach(j -> seen.add(j.asJsonObject().getString("id")));
            cursor = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        ids.forEach(id -> assertThat(api.post("api/jobs/" + id + "/cancel", DEMO, null).status()).isEqualTo(200));
    }

    @Test
    void a_batch_with_one_bad_argument_stores_none_of_them() {
        String queue = uniqueQueue("batch");
        ApiClient.Reply refused = api().post("api/jobs/it-record/batch?queue=" + queue, DEMO,
                "[" + key() + ",{\"key\":[1]}," + key() + "]");

        assertProblem(refused, 400, "arguments[1]");
        assertThat(jobsIn(queue)).isZero();
    }

    @Test
    void a_dead_job_is_retried_and_a_job_that_is_not_dead_cannot_be() {
        ApiClient api = api();
        String id = api.post("api/jobs/it-fail-once", DEMO, key()).json().getString("id");
        JsonObject dead = api().awaitStatus(id, JobState.DEAD);
        assertThat(dead.getString("lastError")).contains("first attempt");

        ApiClient.Reply retried = api.post("api/jobs/" + id + "/retry", DEMO, null);

        assertThat(retried.status()).isEqualTo(200);
        api().awaitStatus(id, JobState.SUCCEEDED);
        ApiClient.Reply again = api.post("api/jobs/" + id + "/retry", DEMO, null);
        assertProblem(again, 409, "status");
        assertThat(again.json().getString("detail")).contains("SUCCEEDED").contains("only a DEAD job");
    }

    @Test
    void a_queued_job_is_cancelled_at_once_a_running_one_once_its_node_stops_it_and_only_finished_ones_are_deleted() {
        ApiClient api = api();
        String queued = api.post("api/jobs/it-record?delay=1h", DEMO, key()).json().getString("id");
        assertProblem(api.delete("api/jobs/" + queued, DEMO), 409, "status");

        ApiClient.Reply cancelled = api.post("api/jobs/" + queued + "/cancel", DEMO, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        assertProblem(api.post("api/jobs/" + queued + "/cancel", DEMO, null), 409, "status");
        assertThat(api.delete("api/jobs/" + queued, DEMO).status()).isEqualTo(204);
        assertProblem(api.get("api/jobs/" + queued, DEMO), 404, "id");

        String running = api.post("api/jobs/it-long?queue=" + SLOW, DEMO, key()).json().getString("id");
        api().awaitStatus(running, JobState.RUNNING);
        assertProblem(api.delete("api/jobs/" + running, DEMO), 409, "status");
        ApiClient.Reply accepted = api.post("api/jobs/" + running + "/cancel", DEMO, null);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().getBoolean("cancelRequested")).isTrue();
        api().awaitStatus(running, JobState.CANCELLED);
        assertThat(api.delete("api/jobs/" + running, DEMO).status()).isEqualTo(204);
    }

    @Test
    void schedules_are_created_replaced_listed_and_deleted() {
        ApiClient api = api();
        String name = "it-schedule-" + UUID.randomUUID();
        String path = "api/schedules/" + name;
        ApiClient.Reply created = api.put(path, OPERATOR, "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":" + key() + "}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("every")).isEqualTo("1h");

        ApiClient.Reply replaced = api.put(path, OPERATOR,
                "{\"type\":\"it-record\",\"cron\":\"0 3 * * MON-FRI\",\"zone\":\"Europe/Berlin\",\"argument\":" + key() + "}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().getString("cron")).isEqualTo("0 3 * * MON-FRI");

        JsonArray all = (JsonArray) api.get("api/schedules", OPERATOR).structure();
        assertThat(all.stream().map(s -> s.asJsonObject().getString("name"))).contains(name);
        assertThat(api.delete(path, OPERATOR).status()).isEqualTo(204);
        assertProblem(api.delete(path, OPERATOR), 404, "name");
        assertProblem(api.get(path, OPERATOR), 404, "name");
    }

    /** One row of the hostile-request table. */
    record Hostile(String name, String method, String path, String user, String contentType, String body,
            boolean chunked, int status, String field) {}

    private static Hostile row(String name, String method, String path, String user, String contentType, String body,
            int status, String field) {
        return new Hostile(name, method, path, user, contentType, body, false, status, field);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void malformed_and_hostile_requests_get_a_problem_naming_the_field_and_store_nothing() {
        String json = "application/json";
        String huge = "{\"key\":\"" + "x".repeat(70_000) + "\"}";
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        String otherFiltersCursor = JobCursor.encode(1_000, new JobFilter(JobState.DEAD, null, null));
        String schedule = "api/schedules/it-hostile";
        // every enqueue names a queue of its own, so "stored nothing" is a count no other client of a shared database can disturb
        String q = uniqueQueue("hostile");
        List<Hostile> table = new ArrayList<>(List.of(
                row("malformed JSON", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "{\"key\":", 400, "argument"),
                row("not JSON at all", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "hello", 400, "argument"),
                row("empty body", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "", 400, "argument"),
                row("JSON null", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "null", 400, "argument"),
                row("array for a record", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "[1,2,3]", 400, "argument"),
                row("object for a string field", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, "{\"key\":{\"a\":1}}", 400, "argument"),
                row("nesting 20000 deep", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, deep, 400, "argument"),
                row("unknown job type", "POST", "api/jobs/no-such-type?queue=" + q, DEMO, json, key(), 404, "type"),
                row("type not open to HTTP", "POST", "api/jobs/it-fail?queue=" + q, DEMO, json, key(), 404, "type"),
                row("SQL in the type", "POST", "api/jobs/" + encode("x';DROP TABLE eejobs_job;--") + "?queue=" + q, DEMO, json, key(), 404, "type"),
                row("SQL in the queue", "POST", "api/jobs/it-record?queue=" + encode("default';DELETE FROM eejobs_job;--"), DEMO, json, key(), 400, "queue"),
                row("negative delay", "POST", "api/jobs/it-record?delay=-5s&queue=" + q, DEMO, json, key(), 400, "delay"),
                row("unreadable delay", "POST", "api/jobs/it-record?delay=soon&queue=" + q, DEMO, json, key(), 400, "delay"),
                row("runAt not ISO-8601", "POST", "api/jobs/it-record?runAt=tomorrow&queue=" + q, DEMO, json, key(), 400, "runAt"),
                row("delay and runAt", "POST", "api/jobs/it-record?delay=1s&runAt=2030-01-01T00:00:00Z&queue=" + q, DEMO, json, key(), 400, "runAt"),
                row("priority not a number", "POST", "api/jobs/it-record?priority=high&queue=" + q, DEMO, json, key(), 400, "priority"),
                row("negative retries", "POST", "api/jobs/it-record?maxRetries=-7&queue=" + q, DEMO, json, key(), 400, "maxRetries"),
                row("unknown backoff", "POST", "api/jobs/it-record?backoff=sometimes&queue=" + q, DEMO, json, key(), 400, "backoff"),
                row("body over 64 KiB", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, huge, 413, "body"),
                row("text/plain body", "POST", "api/jobs/it-record?queue=" + q, DEMO, "text/plain", key(), 415, "Content-Type"),
                row("XML body", "POST", "api/jobs/it-record?queue=" + q, DEMO, "application/xml", "<key>x</key>", 415, "Content-Type"),
                row("no credentials", "POST", "api/jobs/it-record?queue=" + q, null, json, key(), 401, "Authorization"),
                row("wrong password", "POST", "api/jobs/it-record?queue=" + q, "demo:guess", json, key(), 401, "Authorization"),
                row("unknown user", "GET", "api/jobs", "mallory:mallory", null, null, 401, "Authorization"),
                row("enqueue without jobs-enqueue", "POST", "api/jobs/it-record?queue=" + q, OPERATOR, json, key(), 403, "Authorization"),
                row("list without jobs-admin", "GET", "api/jobs", PRODUCER, null, null, 403, "Authorization"),
                row("retry without jobs-admin", "POST", "api/jobs/1/retry", PRODUCER, null, null, 403, "Authorization"),
                row("garbage cursor", "GET", "api/jobs?cursor=abc", DEMO, null, null, 400, "cursor"),
                row("cursor of other filters", "GET", "api/jobs?cursor=" + otherFiltersCursor, DEMO, null, null, 400, "cursor"),
                row("zero limit", "GET", "api/jobs?limit=0", DEMO, null, null, 400, "limit"),
                row("huge limit", "GET", "api/jobs?limit=100000", DEMO, null, null, 400, "limit"),
                row("limit not a number", "GET", "api/jobs?limit=all", DEMO, null, null, 400, "limit"),
                row("unknown status", "GET", "api/jobs?status=" + encode("QUEUED' OR '1'='1"), DEMO, null, null, 400, "status"),
                row("SQL in the type filter", "GET", "api/jobs?type=" + encode("x' OR 1=1 --"), DEMO, null, null, 400, "type"),
                row("id not a number", "GET", "api/jobs/abc", DEMO, null, null, 400, "id"),
                row("unknown id", "GET", "api/jobs/999999999", DEMO, null, null, 404, "id"),
                row("retry of an unknown id", "POST", "api/jobs/999999999/retry", DEMO, null, null, 404, "id"),
                row("wrong method", "PATCH", "api/jobs/1", DEMO, json, "{}", 405, null),
                row("wrong method on queues", "DELETE", "api/queues", DEMO, null, null, 405, null),
                row("unknown path", "GET", "api/nothing-here", DEMO, null, null, 404, null),
                row("batch not an array", "POST", "api/jobs/it-record/batch?queue=" + q, DEMO, json, key(), 400, "body"),
                row("empty batch", "POST", "api/jobs/it-record/batch?queue=" + q, DEMO, json, "[]", 400, "body"),
                row("schedule malformed", "PUT", schedule, DEMO, json, "{\"type\":", 400, "body"),
                row("schedule too often", "PUT", schedule, DEMO, json, "{\"type\":\"it-record\",\"every\":\"10ms\",\"argument\":" + key() + "}", 400, "every"),
                row("schedule bad cron", "PUT", schedule, DEMO, json, "{\"type\":\"it-record\",\"cron\":\"61 * * * *\",\"argument\":" + key() + "}", 400, "cron"),
                row("schedule unknown type", "PUT", schedule, DEMO, json, "{\"type\":\"nope\",\"every\":\"1m\",\"argument\":{}}", 404, "type"),
                row("schedule argument that does not fit", "PUT", schedule, DEMO, json, "{\"type\":\"it-record\",\"every\":\"1m\",\"argument\":[1]}", 400, "argument"),
                row("schedule unknown field", "PUT", schedule, DEMO, json, "{\"type\":\"it-record\",\"every\":\"1m\",\"argument\":{},\"sql\":\"x\"}", 400, "sql")));
        table.add(new Hostile("chunked body over 64 KiB", "POST", "api/jobs/it-record?queue=" + q, DEMO, json, huge, true, 413, "body"));

        ApiClient api = api();
        int schedulesBefore = ((JsonArray) api.get("api/schedules", DEMO).structure()).size();
        SoftAssertions softly = new SoftAssertions();
        for (Hostile h : table) {
            ApiClient.Reply reply = api.send(h.method(), h.path(), h.user(), h.contentType(), h.body(), h.chunked());
            softly.assertThat(reply.status()).as(h.name() + ": status; body " + reply.body()).isEqualTo(h.status());
            softly.assertThat(reply.contentType()).as(h.name() + ": media type").startsWith(Problem.MEDIA_TYPE);
            softly.assertThat(reply.body()).as(h.name() + ": no stack trace").doesNotContain("Exception:")
                    .doesNotContain("\tat ").doesNotContain("<html");
            if (!reply.contentType().startsWith(Problem.MEDIA_TYPE)) {
                continue;
            }
            JsonObject problem = reply.json();
            softly.assertThat(problem.getString("type", "")).as(h.name() + ": type").startsWith("urn:eejobs:problem:");
            softly.assertThat(problem.getString("title", "")).as(h.name() + ": title").isNotBlank();
            softly.assertThat(problem.getInt("status", 0)).as(h.name() + ": status field").isEqualTo(h.status());
            softly.assertThat(problem.getString("detail", "")).as(h.name() + ": detail").isNotBlank();
            softly.assertThat(problem.getString("field", null)).as(h.name() + ": field").isEqualTo(h.field());
        }
        softly.assertThat(table).hasSizeGreaterThanOrEqualTo(25);
        softly.assertThat(jobsIn(q)).as("jobs stored by refused requests").isZero();
        softly.assertThat(((JsonArray) api.get("api/schedules", DEMO).structure()).size()).as("schedules stored")
                .isEqualTo(schedulesBefore);
        softly.assertAll();
    }

    // --- what the database holds, on each backend: bounds round-trip exactly, every read path
    // survives rows no API would store (written with SQL through ItSql), concurrent declarations
    // of one schedule create it once

    /** @return the first column of the last query's rows */
    private List<String> sql(String... statements) {
        ApiClient.Reply reply = api().send("POST", "it-sql", null, "text/plain", String.join("\n;\n", statements), false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body().isEmpty() ? List.of() : List.of(reply.body().split("\n"));
    }

    @Test
    void run_at_times_at_both_bounds_and_to_the_microsecond_are_stored_and_read_back_exactly() {
        ApiClient api = api();
        String queue = uniqueQueue("bounds"); // a queue no node works: the jobs stay as stored
        for (String runAt : List.of("1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:34:56.123456Z")) {
            ApiClient.Reply enqueued = api.post("api/jobs/it-record?queue=" + queue + "&runAt=" + runAt, DEMO, key());
            assertThat(enqueued.status()).as(runAt + " " + enqueued.body()).isEqualTo(202);
            assertThat(Instant.parse(enqueued.json().getString("runAt"))).isEqualTo(Instant.parse(runAt));
            String id = enqueued.json().getString("id");
            assertThat(Instant.parse(api.get("api/jobs/" + id, DEMO).json().getString("runAt")))
                    .as("read back from the database").isEqualTo(Instant.parse(runAt));
        }

        ApiClient.Reply longest = api.post("api/jobs/it-record?queue=" + queue
                + "&delay=36500d&backoff=fixed(36500d)&maxRetries=2147483647&priority=-2147483648", DEMO, key());
        assertThat(longest.status()).as(longest.body()).isEqualTo(202);
        Instant enqueuedAt = Instant.parse(longest.json().getString("enqueuedAt"));
        assertThat(Duration.between(enqueuedAt, Instant.parse(longest.json().getString("runAt"))))
                .isBetween(Duration.ofDays(36_500).minusNanos(1_000), Duration.ofDays(36_500).plusNanos(1_000));

        String name = uniqueQueue("longest");
        ApiClient.Reply schedule = api.put("api/schedules/" + name, DEMO,
                "{\"type\":\"it-record\",\"every\":\"36500d\",\"argument\":" + key() + "}");
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        assertThat(api.get("api/schedules/" + name, DEMO).json().getString("every")).isEqualTo("36500d");
        assertThat(api.delete("api/schedules/" + name, DEMO).status()).isEqualTo(204);
        sql("DELETE FROM eejobs_job WHERE queue_name = '" + queue + "'");
    }

    /** Literals each database stores that no API would: its extremes of time, and worse where it allows. */
    private static Map<String, String> times() {
        return switch (DB) {
            case "postgresql" -> Map.of("min", "'-infinity'", "max", "'infinity'", "past", "'4713-01-01 00:00:00+00 BC'",
                    "future", "'294276-12-31 23:59:59.999999+00'", "now", "CURRENT_TIMESTAMP");
            case "mariadb" -> Map.of("min", "'0000-00-00 00:00:00'", "max", "'9999-12-31 23:59:59.999999'",
                    "past", "'1000-01-01 00:00:00'", "future", "'9999-12-31 23:59:59'", "now", "CURRENT_TIMESTAMP(6)");
            default -> Map.of("min", "TIMESTAMP WITH TIME ZONE '-999999999-01-01 00:00:00+00'",
                    "max", "TIMESTAMP WITH TIME ZONE '+999999999-12-31 23:59:59.999999+00'",
                    "past", "TIMESTAMP WITH TIME ZONE '-4713-01-01 00:00:00+00'",
                    "future", "TIMESTAMP WITH TIME ZONE '294276-12-31 23:59:59.999999+00'", "now", "CURRENT_TIMESTAMP");
        };
    }

    @Test
    void every_read_path_survives_rows_no_api_would_store() {
        ApiClient api = api();
        Map<String, String> t = times();
        String queue = uniqueQueue("weird");
        long firstId = 8_000_000_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L) * 100;
        String columns = "INSERT INTO eejobs_job (id, job_type, queue_name, status, argument_json, priority, run_at,"
                + " enqueued_at, attempts, max_retries, backoff, heartbeat_ms, lease_token, lease_owner, lease_expires_at,"
                + " started_at, finished_at, last_error) VALUES ";
        String bigError = "boom \u0001 \u00e9 \u4e2d ".repeat(5_000);
        List<String> rows = List.of(
                row(firstId, "it-record", queue, "QUEUED", "'not json {'", "0", t.get("min"), t.get("min"), "2147483647",
                        "-99", "'garbage(('", "-1", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
                row(firstId + 1, "it-unknown-type", queue, "QUEUED", "'{}'", "2147483647", t.get("past"), t.get("now"), "0",
                        "5", "'exponential(2)'", "9223372036854775807", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
                row(firstId + 2, "it-record", queue, "QUEUED", "'[]'", "-2147483648", t.get("max"), t.get("future"),
                        "-2147483648", "2147483647", "'fixed(1s)'", "0", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
                row(firstId + 3, "it-record", queue, "RUNNING", "'\"x\"'", "0", t.get("past"), t.get("past"), "7", "1",
                        "'fixed(1s)'", "1000", "'token'", "'nobody'", t.get("max"), t.get("min"), "NULL", "NULL"),
                row(firstId + 4, "it-record", queue, "DEAD", "'{\"key\":'", "0", t.get("future"), t.get("past"), "2147483647",
                        "0", "''", "1000", "NULL", "NULL", "NULL", t.get("max"), t.get("min"), "'" + bigError + "'"),
                row(firstId + 5, "it-unknown-type", queue, "SUCCEEDED", "'null'", "0", t.get("now"), t.get("now"), "1", "0",
                        "'fixed(1s)'", "1000", "NULL", "NULL", "NULL", t.get("future"), t.get("max"), "NULL"),
                row(firstId + 6, "it-record", queue, "CANCELLED", "''", "0", t.get("min"), t.get("max"), "0", "0",
                        "'fixed(1s)'", "1000", "NULL", "NULL", "NULL", "NULL", t.get("max"), "'\\n\\tat nothing'"));
        String prefix = uniqueQueue("weird");
        String schedules = "INSERT INTO eejobs_schedule (name, job_type, argument_json, interval_ms, cron, time_zone,"
                + " next_fire_at) VALUES ";
        List<String> scheduleRows = List.of(
                "('" + prefix + "-0', 'it-unknown-type', '{}', 0, NULL, NULL, " + t.get("min") + ")",
                "('" + prefix + "-1', 'it-record', '{\"key\":\"a\"}', -5, NULL, NULL, " + t.get("max") + ")",
                "('" + prefix + "-2', 'it-record', '{\"key\":\"a\"}', NULL, 'garbage cron', 'Mars/Olympus', " + t.get("future") + ")",
                "('" + prefix + "-3', 'it-record', 'not json', 9223372036854775807, NULL, NULL, " + t.get("past") + ")",
                "('" + prefix + "-4', 'it-record', '{\"key\":\"a\"}', 0, NULL, NULL, " + t.get("now") + ")");
        List<String> statements = new ArrayList<>();
        if (DB.equals("mariadb")) {
            statements.add("SET SESSION sql_mode = ''"); // lets the zero date in, as a lenient server would
        }
        rows.forEach(r -> statements.add(columns + r));
        scheduleRows.forEach(r -> statements.add(schedules + r));
        if (DB.equals("mariadb")) {
            statements.add("SET SESSION sql_mode = DEFAULT");
        }
        long restartsBefore = restarts(api);
        try {
            sql(statements.toArray(String[]::new));

            SoftAssertions softly = new SoftAssertions();
            List<String> paths = new ArrayList<>(List.of("api/jobs?limit=200", "api/jobs?queue=" + queue,
                    "api/jobs?type=it-unknown-type", "api/queues", "api/schedules"));
            for (String status : List.of("QUEUED", "RUNNING", "DEAD", "SUCCEEDED", "CANCELLED")) {
                paths.add("api/jobs?limit=200&status=" + status);
            }
            for (long id = firstId; id < firstId + rows.size(); id++) {
                paths.add("api/jobs/" + id);
            }
            for (int i = 0; i < scheduleRows.size(); i++) {
                paths.add("api/schedules/" + prefix + "-" + i);
            }
            for (String path : paths) {
                ApiClient.Reply reply = api.get(path, DEMO);
                softly.assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(200);
            }
            JsonArray listed = api.get("api/jobs?queue=" + queue, DEMO).json().getJsonArray("jobs");
            softly.assertThat(listed).as("every stored row is listed").hasSize(rows.size());
            JsonObject dead = api.get("api/jobs/" + (firstId + 4), DEMO).json();
            softly.assertThat(dead.getString("lastError").length()).as("lastError is bounded")
                    .isLessThanOrEqualTo(ErrorDetail.MAX_CHARS);
            JsonObject weirdQueue = ((JsonArray) api.get("api/queues", DEMO).structure()).stream()
                    .map(JsonValue::asJsonObject).filter(q -> q.getString("name").equals(queue)).findFirst().orElseThrow();
            softly.assertThat(weirdQueue.getJsonObject("counts").getJsonNumber("QUEUED").longValue()).isEqualTo(3);
            softly.assertAll();

            // the cached counts behind health data and gauges are read again, with these rows, not kept stale
            await().atMost(PATIENCE).untilAsserted(() -> {
                ApiClient.Reply ready = api.get(ItServer.health(base, "/health/ready"), null);
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                JsonObject data = healthCheck(ready.json(), "eejobs-store").getJsonObject("data");
                assertThat(number(data, "queued." + queue)).isEqualTo(3);
                assertThat(data.containsKey("unknownType.it-unknown-type")).isTrue();
            });
            if (ItServer.hasMicroProfileMetrics()) {
                assertThat(api.get("/metrics?scope=application", null).status()).isEqualTo(200);
            }
            // the schedule firer meets the due rows it cannot fire on every pass and goes on: no loop dies
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> restarts(api) == restartsBefore
                    && api.get(ItServer.health(base, "/health/live"), null).status() == 200);
        } finally {
            sql("DELETE FROM eejobs_job WHERE queue_name = '" + queue + "'",
                    "DELETE FROM eejobs_schedule WHERE name LIKE '" + prefix + "-%'");
        }
    }

    private static String row(long id, String type, String queue, String status, String... rest) {
        return "(" + id + ", '" + type + "', '" + queue + "', '" + status + "', " + String.join(", ", rest) + ")";
    }

    private long restarts(ApiClient api) {
        JsonObject live = api.get(ItServer.health(base, "/health/live"), null).json();
        return number(healthCheck(live, "eejobs-engine").getJsonObject("data"), "workerRestarts");
    }

    /** Health data values arrive as numbers or as their text, depending on the server. */
    private static long number(JsonObject data, String key) {
        return Long.parseLong(data.get(key).toString().replace("\"", ""));
    }

    private static JsonObject healthCheck(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void concurrent_declarations_of_one_new_schedule_create_it_exactly_once() throws Exception {
        ApiClient api = api();
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < 3; round++) {
                String name = uniqueQueue("race");
                String body = "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":" + key() + "}";
                CyclicBarrier start = new CyclicBarrier(clients);
                List<Future<Integer>> replies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    replies.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return api.put("api/schedules/" + name, DEMO, body).status();
                    }));
                }
                Map<Integer, Integer> statuses = new HashMap<>();
                for (Future<Integer> reply : replies) {
                    statuses.merge(reply.get(60, TimeUnit.SECONDS), 1, Integer::sum);
                }
                assertThat(statuses).as(name).isEqualTo(Map.of(201, 1, 200, clients - 1));
                assertThat(api.get("api/schedules/" + name, DEMO).status()).isEqualTo(200);
                assertThat(api.delete("api/schedules/" + name, DEMO).status()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_refused_schedule_declaration_leaves_no_row_behind() {
        ApiClient api = api();
        String name = uniqueQueue("refused");
        Map<String, Integer> refusals = Map.of(
                "{\"type\":\"it-record\",\"cron\":\"61 * * * *\",\"argument\":" + key() + "}", 400,
                "{\"type\":\"it-record\",\"every\":\"999ms\",\"argument\":" + key() + "}", 400,
                "{\"type\":\"it-record\",\"every\":\"999999999999d\",\"argument\":" + key() + "}", 400,
                "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":{\"key\":1.5}}", 400,
                "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":{\"key\":\"a\",\"other\":1}}", 400,
                "{\"type\":\"no-such-type\",\"every\":\"1h\",\"argument\":{}}", 404,
                "{\"type\":\"it-record\",\"cron\":\"" + "0 ".repeat(150) + "\",\"argument\":" + key() + "}", 400);
        refusals.forEach((body, status) -> {
            ApiClient.Reply reply = api.put("api/schedules/" + name, DEMO, body);
            assertThat(reply.status()).as(body + " " + reply.body()).isEqualTo(status);
            assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        });
        for (String badName : List.of("acc%7Bx%7D", "%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D", "fz%7B%7B7*7%7D%7D", ".hidden",
                "x".repeat(201))) {
            ApiClient.Reply reply = api.put("api/schedules/" + badName, DEMO,
                    "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":" + key() + "}");
            assertThat(reply.status()).as(badName + " " + reply.body()).isIn(400, 404);
            assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        }
        assertThat(api.get("api/schedules/" + name, DEMO).status()).isEqualTo(404);
        assertThat(sql("SELECT COUNT(*) FROM eejobs_schedule WHERE name = '" + name + "' OR name LIKE '%{%'"
                + " OR name LIKE '%$%' OR name LIKE '.%' OR name LIKE 'xxxxxxxxxx%'")).containsExactly("0");
    }

    @Test
    void metrics_count_what_ran_by_type_and_queue() {
        Assumptions.assumeTrue(ItServer.hasMicroProfileMetrics(), "this server has no MicroProfile Metrics");
        ApiClient api = api();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("api/jobs/it-record?queue=" + METRICS, DEMO, key()).json().getString("id"));
        }
        ids.forEach(id -> api().awaitStatus(id, JobState.SUCCEEDED));
        Map<String, String> tags = Map.of("type", "it-record", "queue", METRICS);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics = api.get("/metrics?scope=application", null).body();
            assertThat(metric(metrics, "eejobs_jobs_enqueued_total", tags)).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_jobs_started_total", tags)).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_jobs_succeeded_total", tags)).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_job_run_duration_seconds_count", tags)).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_job_pickup_latency_seconds_count", tags)).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_queue_jobs", Map.of("queue", METRICS, "status", "succeeded"))).isEqualTo(3);
            assertThat(metric(metrics, "eejobs_workers_idle", Map.of("queue", METRICS))
                    + metric(metrics, "eejobs_workers_busy", Map.of("queue", METRICS))).isEqualTo(2);
            assertThat(metric(metrics, "eejobs_worker_restarts", Map.of())).isZero();
        });
    }

    @Test
    void health_checks_report_startup_liveness_and_readiness_with_their_data() {
        ApiClient api = api();
        JsonObject health = api.get(ItServer.health(base, "/health"), null).json();

        assertThat(health.getString("status")).isEqualTo("UP");
        Map<String, JsonObject> checks = new HashMap<>();
        health.getJsonArray("checks").forEach(c -> checks.put(c.asJsonObject().getString("name"), c.asJsonObject()));
        assertThat(checks).containsKeys("eejobs-startup", "eejobs-engine", "eejobs-store");
        assertThat(checks.get("eejobs-store").getJsonObject("data").keySet())
                .contains("database", "queued", "dead", "queuedOfUnknownTypes", "workerRestarts", "draining");
        assertThat(checks.get("eejobs-engine").getJsonObject("data").keySet()).contains("workerRestarts", "loopsDead");
        for (String probe : List.of("/health/started", "/health/live", "/health/ready")) {
            ApiClient.Reply reply = api.get(ItServer.health(base, probe), null);
            assertThat(reply.status()).as(probe + " " + reply.body()).isEqualTo(200);
        }
    }

    @Test
    void the_openapi_document_describes_every_endpoint_and_its_security() {
        String document = api().get("/openapi", null).body();

        assertThat(document).contains("/api/jobs:", "/api/jobs/{type}:", "/api/jobs/{type}/batch:", "/api/jobs/{id}/retry:",
                "/api/jobs/{id}/cancel:", "/api/jobs/{id}/attempts:", "/api/jobs/{id}/log:", "/api/queues:", "/api/schedules:", "/api/schedules/{name}:", "scheme: basic");
    }

    private static String uniqueQueue(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return jobs stored on the queue, counted page by page */
    private long jobsIn(String queue) {
        long count = 0;
        String cursor = null;
        do {
            JsonObject page = api().get("api/jobs?limit=200&queue=" + queue + (cursor == null ? "" : "&cursor=" + cursor),
                    DEMO).json();
            count += page.getJsonArray("jobs").size();
            cursor = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
        } while (cursor != null);
        return count;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$");

    /** @return the value of the Prometheus sample with this name and (at least) these tags */
    static double metric(String exposition, String name, Map<String, String> tags) {
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                for (String pair : m.group(3).split(",")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
                }
            }
            if (labels.entrySet().containsAll(tags.entrySet())) {
                return Double.parseDouble(m.group(4));
            }
        }
        throw new AssertionError("no sample " + name + tags);
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("field", null)).isEqualTo(field);
    }
}
