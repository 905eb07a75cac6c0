package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.engine.ItDeployment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
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
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the database holds, on each backend (H2, PostgreSQL, MariaDB): the bounds of time values
 * round-trip exactly, every read path survives rows no API would store (written here with SQL),
 * and concurrent declarations of one schedule create it once. One deployment for the class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoredValuesIT {

    static final String SETTINGS = String.join("\n",
            "jobs.workers=1",
            "jobs.poll-interval=200ms",
            "jobs.housekeeping-interval=200ms",
            "jobs.shutdown-grace=1s",
            "jobs.metrics.counts-refresh=200ms");

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DB = System.getProperty("eejobs.db", "h2");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("stored-values-it", SETTINGS, ItSql.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key() {
        return "{\"key\":\"" + UUID.randomUUID() + "\"}";
    }

    /** @return the first column of the last query's rows */
    private List<String> sql(String... statements) {
        ApiClient.Reply reply = api().send("POST", "it-sql", null, "text/plain", String.join("\n;\n", statements), false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body().isEmpty() ? List.of() : List.of(reply.body().split("\n"));
    }

    @Test
    void run_at_times_at_both_bounds_and_to_the_microsecond_are_stored_and_read_back_exactly() {
        ApiClient api = api();
        String queue = unique("bounds"); // a queue no node works: the jobs stay as stored
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

        String name = unique("longest");
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
        String queue = unique("weird");
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
        String prefix = unique("weird");
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
                ApiClient.Reply ready = api.get("/health/ready", null);
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                JsonObject data = check(ready.json(), "eejobs-store").getJsonObject("data");
                assertThat(number(data, "queued." + queue)).isEqualTo(3);
                assertThat(data.containsKey("unknownType.it-unknown-type")).isTrue();
            });
            assertThat(api.get("/metrics?scope=application", null).status()).isEqualTo(200);
            // the schedule firer meets the due rows it cannot fire on every pass and goes on: no loop dies
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> restarts(api) == restartsBefore
                    && api.get("/health/live", null).status() == 200);
        } finally {
            sql("DELETE FROM eejobs_job WHERE queue_name = '" + queue + "'",
                    "DELETE FROM eejobs_schedule WHERE name LIKE '" + prefix + "-%'");
        }
    }

    private static String row(long id, String type, String queue, String status, String... rest) {
        return "(" + id + ", '" + type + "', '" + queue + "', '" + status + "', " + String.join(", ", rest) + ")";
    }

    private static long restarts(ApiClient api) {
        JsonObject live = api.get("/health/live", null).json();
        return number(check(live, "eejobs-engine").getJsonObject("data"), "workerRestarts");
    }

    /** Health data values arrive as numbers or as their text, depending on the server. */
    private static long number(JsonObject data, String key) {
        return Long.parseLong(data.get(key).toString().replace("\"", ""));
    }

    private static JsonObject check(JsonObject health, String name) {
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
                String name = unique("race");
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
        String name = unique("refused");
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
}
