package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.OPERATOR;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.engine.ItDeployment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * What the dashboard relies on, over HTTP on every database: the node registry and
 * {@code GET /api/nodes}, the throughput series, the read-only role {@code jobs-viewer}, the
 * cross-site guard of state-changing calls, {@code GET /api/me}, and the dashboard's files with
 * their security headers. The browser test ({@code DashboardIT}) drives the UI itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardApiIT {

    static final String VIEWER = "viewer:viewer";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("dashboard-api-it", String.join("\n", "jobs.workers=2", "jobs.heartbeat=1s",
                "jobs.poll-interval=200ms", "jobs.housekeeping-interval=200ms", "jobs.shutdown-grace=1s",
                "jobs.ui.path=/ops/dashboard"),
                HttpItJobs.class, HttpItJobs.Key.class, HttpItJobs.FailOnceJob.class, ItSql.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String uniqueQueue(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> sql(String... statements) {
        ApiClient.Reply reply = api().send("POST", "it-sql", null, "text/plain", String.join("\n;\n", statements), false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body().isEmpty() ? List.of() : List.of(reply.body().split("\n"));
    }

    private String queuedJob(String queue) {
        ApiClient.Reply reply = api().post("api/jobs/it-record?queue=" + queue, PRODUCER, "{\"key\":\"" + UUID.randomUUID() + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().getString("id");
    }

    @Test
    void the_node_registers_itself_with_its_queues_and_workers_and_a_node_that_stopped_renewing_shows_as_gone() {
        JsonArray nodes = (JsonArray) api().get("api/nodes", VIEWER).structure();
        JsonObject self = nodes.stream().map(JsonValue::asJsonObject).filter(n -> n.getBoolean("self"))
                .findFirst().orElseThrow(() -> new AssertionError("no node of its own in " + nodes));
        assertThat(self.getString("name")).isNotBlank();
        assertThat(self.getString("version")).isNotBlank();
        assertThat(self.getBoolean("gone")).isFalse();
        assertThat(self.getBoolean("draining")).isFalse();
        assertThat(self.getJsonArray("queues").stream().map(q -> q.asJsonObject().getString("name"))).contains("default");
        assertThat(self.getInt("workers")).isEqualTo(self.getJsonArray("queues").stream()
                .mapToInt(q -> q.asJsonObject().getInt("workers")).sum()).isPositive();
        assertThat(self.getInt("busy") + self.getInt("idle")).isEqualTo(self.getInt("workers"));
        Instant first = Instant.parse(self.getString("heartbeatAt"));
        await().atMost(PATIENCE).until(() -> Instant.parse(selfNode().getString("heartbeatAt")).isAfter(first));

        String stale = "stale-" + UUID.randomUUID();
        sql("INSERT INTO eejobs_node (name, version, queues, workers, busy, started_at, heartbeat_at, draining)"
                + " VALUES ('" + stale + "', '0.0.1', 'mail=3/1,default=2/0', 5, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false)",
                "UPDATE eejobs_node SET heartbeat_at = started_at - INTERVAL '10' MINUTE WHERE name = '" + stale + "'");
        JsonObject gone = ((JsonArray) api().get("api/nodes", DEMO).structure()).stream().map(JsonValue::asJsonObject)
                .filter(n -> n.getString("name").equals(stale)).findFirst().orElseThrow();
        assertThat(gone.getBoolean("gone")).isTrue();
        assertThat(gone.getBoolean("self")).isFalse();
        assertThat(gone.getJsonArray("queues")).hasSize(2);
        assertThat(gone.getJsonArray("queues").getJsonObject(0).getString("name")).isEqualTo("mail");
        assertThat(gone.getJsonArray("queues").getJsonObject(0).getInt("workers")).isEqualTo(3);
        assertThat(gone.getJsonArray("queues").getJsonObject(0).getInt("busy")).isEqualTo(1);

        sql("UPDATE eejobs_node SET heartbeat_at = started_at - INTERVAL '2' HOUR WHERE name = '" + stale + "'");
        await("a node gone for over an hour is pruned").atMost(PATIENCE).until(() ->
                sql("SELECT COUNT(*) FROM eejobs_node WHERE name = '" + stale + "'").get(0).equals("0"));
    }

    private JsonObject selfNode() {
        return ((JsonArray) api().get("api/nodes", VIEWER).structure()).stream().map(JsonValue::asJsonObject)
                .filter(n -> n.getBoolean("self")).findFirst().orElseThrow();
    }

    @Test
    void finished_jobs_are_counted_in_the_minute_they_finished() {
        String id = api().post("api/jobs/it-record", PRODUCER, "{\"key\":\"" + UUID.randomUUID() + "\"}").json().getString("id");
        await().atMost(PATIENCE).until(() -> api().get("api/jobs/" + id, DEMO).json().getString("status"), "SUCCEEDED"::equals);
        Instant finished = Instant.parse(api().get("api/jobs/" + id, DEMO).json().getString("finishedAt"));
        String minute = finished.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();

        JsonArray series = (JsonArray) api().get("api/stats/throughput?minutes=10", VIEWER).structure();
        assertThat(series).hasSize(10);
        JsonObject bucket = series.stream().map(JsonValue::asJsonObject)
                .filter(m -> Instant.parse(m.getString("minute")).toString().equals(minute)).findFirst()
                .orElseThrow(() -> new AssertionError("no minute " + minute + " in " + series));
        assertThat(bucket.getJsonNumber("succeeded").longValue()).isPositive();
        for (int i = 1; i < series.size(); i++) {
            assertThat(Instant.parse(series.getJsonObject(i).getString("minute")))
                    .isEqualTo(Instant.parse(series.getJsonObject(i - 1).getString("minute")).plusSeconds(60));
        }
        ApiClient.Reply bad = api().get("api/stats/throughput?minutes=0", DEMO);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("minutes");
    }

    @Test
    void failed_attempts_and_dead_jobs_are_counted_in_the_minute_they_happened() {
        String id = api().post("api/jobs/it-fail-once?maxRetries=0", PRODUCER, "{\"key\":\"" + UUID.randomUUID() + "\"}")
                .json().getString("id");
        await().atMost(PATIENCE).until(() -> api().get("api/jobs/" + id, DEMO).json().getString("status"), "DEAD"::equals);
        String minute = Instant.parse(api().get("api/jobs/" + id, DEMO).json().getString("finishedAt"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        JsonObject bucket = ((JsonArray) api().get("api/stats/throughput?minutes=10", VIEWER).structure()).stream()
                .map(JsonValue::asJsonObject).filter(m -> Instant.parse(m.getString("minute")).toString().equals(minute))
                .findFirst().orElseThrow();
        assertThat(bucket.getJsonNumber("dead").longValue()).isPositive();
        assertThat(bucket.getJsonNumber("failedAttempts").longValue()).isPositive();
    }

    @Test
    void a_jobs_continuations_are_listed_with_their_state() {
        String parent = queuedJob(uniqueQueue("parent"));
        ApiClient.Reply child = api().post("api/jobs/it-record?after=" + parent, PRODUCER, "{\"key\":\"" + UUID.randomUUID() + "\"}");
        assertThat(child.status()).as(child.body()).isEqualTo(202);
        String childId = child.json().getString("id");

        JsonArray children = (JsonArray) api().get("api/jobs/" + parent + "/children", VIEWER).structure();
        assertThat(children).hasSize(1);
        assertThat(children.getJsonObject(0).getString("id")).isEqualTo(childId);
        assertThat(children.getJsonObject(0).getString("type")).isEqualTo("it-record");
        assertThat(children.getJsonObject(0).getString("status")).isEqualTo("WAITING");
        assertThat((JsonArray) api().get("api/jobs/" + childId + "/children", DEMO).structure()).isEmpty();
        assertThat(api().get("api/jobs/999999999999/children", DEMO).status()).isEqualTo(404);
        assertThat(api().get("api/jobs/" + childId, DEMO).json().getString("parentId")).isEqualTo(parent);
    }

    @Test
    void a_viewer_reads_everything_an_admin_reads_and_changes_nothing() {
        String queue = uniqueQueue("viewer");
        String queued = queuedJob(queue);
        for (String path : List.of("api/jobs", "api/jobs/" + queued, "api/jobs/" + queued + "/argument", "api/queues",
                "api/schedules", "api/nodes", "api/stats/throughput", "api/me")) {
            ApiClient.Reply reply = api().get(path, VIEWER);
            assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(200);
        }
        assertThat(api().get("api/jobs/" + queued + "/argument", VIEWER).json()).containsKey("key");

        ApiClient.Reply cancel = api().post("api/jobs/" + queued + "/cancel", VIEWER, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(403);
        assertThat(api().delete("api/jobs/" + queued, VIEWER).status()).isEqualTo(403);
        assertThat(api().put("api/schedules/viewer-" + UUID.randomUUID().toString().substring(0, 8), VIEWER,
                "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":{\"key\":\"x\"}}").status()).isEqualTo(403);
        assertThat(api().post("api/jobs/it-record", VIEWER, "{\"key\":\"x\"}").status()).isEqualTo(403);
        assertThat(api().get("api/jobs/" + queued, DEMO).json().getString("status")).isEqualTo("QUEUED");

        assertThat(api().get("api/nodes", PRODUCER).status()).isEqualTo(403);
        assertThat(api().get("api/nodes", null).status()).isEqualTo(401);
        // an admin's own read is unchanged; the viewer's role shows in /api/me
        assertThat(api().get("api/nodes", OPERATOR).status()).isEqualTo(200);
        JsonObject viewer = api().get("api/me", VIEWER).json();
        assertThat(viewer.getString("user")).isEqualTo("viewer");
        assertThat(viewer.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)).containsExactly("jobs-viewer");
        assertThat(viewer.getBoolean("canManage")).isFalse();
        assertThat(api().get("api/me", DEMO).json().getBoolean("canManage")).isTrue();
        assertThat(api().get("api/me", PRODUCER).json().getBoolean("canManage")).isFalse();
    }

    @Test
    void a_state_changing_call_from_a_browser_needs_the_header_and_the_same_origin() throws Exception {
        String queue = uniqueQueue("csrf");
        String job = queuedJob(queue);
        String host = base.getHost() + ":" + base.getPort();
        String cancel = "api/jobs/" + job + "/cancel";

        Reply crossSiteForm = raw("POST", cancel, DEMO, Map.of("Origin", "http://evil.example",
                "Sec-Fetch-Site", "cross-site", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(crossSiteForm.status()).isEqualTo(403);
        assertThat(crossSiteForm.body()).contains("X-Jobs-Request");
        assertThat(crossSiteForm.body()).contains("\"field\":\"X-Jobs-Request\"");
        Reply crossSiteWithHeader = raw("POST", cancel, DEMO, Map.of("Origin", "http://evil.example",
                "X-Jobs-Request", "1"));
        assertThat(crossSiteWithHeader.status()).isEqualTo(403);
        assertThat(crossSiteWithHeader.body()).contains("evil.example");
        Reply sameSiteOtherPort = raw("POST", cancel, DEMO, Map.of("Sec-Fetch-Site", "same-site",
                "X-Jobs-Request", "1"));
        assertThat(sameSiteOtherPort.status()).isEqualTo(403);
        Reply sameOriginNoHeader = raw("POST", cancel, DEMO, Map.of("Origin", "http://" + host,
                "Sec-Fetch-Site", "same-origin"));
        assertThat(sameOriginNoHeader.status()).isEqualTo(403);
        Reply refererOnly = raw("POST", cancel, DEMO, Map.of("Referer", "http://evil.example/page", "X-Jobs-Request", "1"));
        assertThat(refererOnly.status()).isEqualTo(403);
        assertThat(api().get("api/jobs/" + job, DEMO).json().getString("status")).isEqualTo("QUEUED");

        Reply dashboard = raw("POST", cancel, DEMO, Map.of("Origin", "http://" + host, "Sec-Fetch-Site", "same-origin",
                "X-Jobs-Request", "1"));
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
        assertThat(api().get("api/jobs/" + job, DEMO).json().getString("status")).isEqualTo("CANCELLED");
        // a client without browser headers (curl, another server) is left alone: the login protects it
        String other = queuedJob(queue);
        assertThat(api().post("api/jobs/" + other + "/cancel", DEMO, null).status()).isEqualTo(200);
        assertThat(raw("GET", "api/jobs/" + other, DEMO, Map.of("Origin", "http://evil.example")).status()).isEqualTo(200);
        assertThat(raw("GET", "api/jobs/" + other, DEMO, Map.of()).header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void the_dashboard_is_served_from_the_jar_at_its_path_to_its_roles_with_a_strict_content_security_policy()
            throws Exception {
        assertThat(raw("GET", "jobs-ui/", DEMO, Map.of()).status()).as("moved by jobs.ui.path").isEqualTo(404);
        Reply page = raw("GET", "ops/dashboard/", VIEWER, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String context = base.getPath().replaceAll("/$", "");
        assertThat(page.body()).contains("content=\"" + context + "/api\"", "src=\"" + context + "/ops/dashboard/app.js\"")
                .doesNotContain("<script>", "onclick=", "style=");

        Reply script = raw("GET", "ops/dashboard/app.js", DEMO, Map.of());
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.header("Content-Security-Policy")).isEqualTo(policy);
        assertThat(raw("GET", "ops/dashboard/style.css", DEMO, Map.of()).header("Content-Type")).startsWith("text/css");

        assertThat(raw("GET", "ops/dashboard", DEMO, Map.of()).status()).isEqualTo(302);
        assertThat(raw("GET", "ops/dashboard/", PRODUCER, Map.of()).status()).isEqualTo(403);
        assertThat(raw("GET", "ops/dashboard/", null, Map.of()).status()).isEqualTo(401);
        assertThat(raw("GET", "ops/dashboard/..%2Fapp.js", DEMO, Map.of()).status()).isIn(400, 404); // the server's own refusal
        for (String probe : List.of("ops/dashboard/missing.js", "ops/dashboard/Dashboard.class", "ops/dashboard/ui/app.js",
                "ops/dashboard/index.html.js")) {
            Reply reply = raw("GET", probe, DEMO, Map.of());
            assertThat(reply.status()).as(probe).isEqualTo(404);
            assertThat(reply.header("Content-Security-Policy")).as(probe).isEqualTo(policy);
        }
        assertThat(raw("POST", "ops/dashboard/", DEMO, Map.of()).status()).isEqualTo(405);
        for (String method : List.of("PATCH", "FOO")) { // methods HttpServlet does not know: not a 501
            Reply refused = raw(method, "ops/dashboard/", DEMO, Map.of());
            assertThat(refused.status()).as(method).isEqualTo(405);
            assertThat(refused.header("Allow")).as(method).isEqualTo("GET, HEAD, OPTIONS");
        }
    }

    /** An answer with its headers, for requests with headers the API client does not send. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private Reply raw(String method, String path, String user, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
}
