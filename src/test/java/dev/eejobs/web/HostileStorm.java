package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobState;
import dev.eejobs.engine.ItServer;
import dev.eejobs.web.HostileRequests.Api;
import dev.eejobs.web.HostileRequests.Effect;
import dev.eejobs.web.HostileRequests.Hostile;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * The storm of {@link HostileRequests} against a running demo, and the checks of its answers that
 * hold whatever the database: shared by the PostgreSQL storm ({@link HostileRequestsIT}, which
 * also reads the rows) and the README's run command on H2 ({@link RunCommandStormIT}).
 */
final class HostileStorm {

    static final int CLIENTS = 16;
    static final String DEMO = "Authorization: Basic " + Base64.getEncoder()
            .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    /** What a problem detail must never contain: class and package names, stack frames, HTML. */
    static final Pattern INTERNALS = Pattern.compile(
            "Exception|java\\.|jakarta\\.|javax\\.|dev\\.eejobs|org\\.|com\\.|\\tat |<html|\\$Proxy|Caused by");

    private HostileStorm() {}

    /** What a request got back. */
    record Outcome(Hostile hostile, RawHttp.Response response, String failure) {}

    /** Sends the requests from {@link #CLIENTS} clients at once; one outcome per request, in order. */
    static List<Outcome> send(RawHttp http, List<Hostile> requests) throws InterruptedException {
        Outcome[] outcomes = new Outcome[requests.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                    Hostile hostile = requests.get(i);
                    try {
                        outcomes[i] = new Outcome(hostile, http.send(hostile.request()), null);
                    } catch (RuntimeException e) {
                        outcomes[i] = new Outcome(hostile, null, String.valueOf(e.getCause() == null ? e : e.getCause()));
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).as("the storm ends").isTrue();
        return List.of(outcomes);
    }

    static void report(long seed, List<Outcome> outcomes, Duration took) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(o.response() == null ? -1 : o.response().status(), 1, Integer::sum));
        System.out.println("HOSTILE seed=" + seed + " requests=" + outcomes.size() + " clients=" + CLIENTS + " took="
                + took.toMillis() + "ms statuses=" + statuses);
    }

    /** What the server accepted, so the rows it stored can be told from stored surprises. */
    static final class Accepted {
        final Map<Long, Hostile> jobs = new ConcurrentHashMap<>();
        final Map<Long, Integer> batchPositions = new ConcurrentHashMap<>();
        final Set<String> schedules = ConcurrentHashMap.newKeySet();
    }

    /**
     * No answer is a 5xx; what must be refused is; every 4xx of the API is a problem body that
     * speaks of the request, not of the code; other 4xx show no internals.
     *
     * @return what the server accepted
     */
    static Accepted checkAnswers(Api api, List<Outcome> outcomes, SoftAssertions softly) {
        Accepted accepted = new Accepted();
        for (Outcome o : outcomes) {
            Hostile h = o.hostile();
            String what = h.kind() + " " + h.request().method() + " " + RawHttp.abbreviated(h.request().target());
            if (o.response() == null) {
                softly.fail(what + ": no answer (" + o.failure() + ")");
                continue;
            }
            int status = o.response().status();
            softly.assertThat(status).as(what + ": not a 5xx; " + abbreviated(o.response().text())).isLessThan(500);
            if (h.effect() == Effect.MUST_BE_REFUSED) {
                softly.assertThat(status).as(what + ": must be refused").isGreaterThanOrEqualTo(400);
            }
            if (status >= 400 && status < 500 && api.answers(h.request().target())) {
                checkProblem(what + " (" + status + ", headers " + h.request().headers() + ")", o.response(), h.request().method().equals("HEAD"), softly);
            } else if (status >= 400) {
                // outside the API the application's own answers apply: the module only keeps them plain
                softly.assertThat(INTERNALS.matcher(o.response().text()).find())
                        .as(what + ": no internals in '" + abbreviated(o.response().text()) + "'").isFalse();
            }
            if (status == 202 && h.kind().equals("enqueue")) {
                long id = Long.parseLong(json(o.response().text()).getString("id"));
                accepted.jobs.put(id, h);
                if (h.runAt() != null) {
                    softly.assertThat(Instant.parse(json(o.response().text()).getString("runAt"))).as(what + ": runAt as sent")
                            .isEqualTo(Instant.parse(h.runAt()));
                }
            } else if (status == 202 && h.kind().equals("batch")) {
                List<JsonValue> ids = json(o.response().text()).getJsonArray("ids");
                for (int i = 0; i < ids.size(); i++) {
                    long id = Long.parseLong(ids.get(i).toString().replace("\"", ""));
                    accepted.jobs.put(id, h);
                    accepted.batchPositions.put(id, i);
                }
            } else if ((status == 200 || status == 201) && h.kind().equals("put schedule")) {
                accepted.schedules.add(h.schedule());
            }
        }
        return accepted;
    }

    private static void checkProblem(String what, RawHttp.Response response, boolean head, SoftAssertions softly) {
        softly.assertThat(response.contentType()).as(what + ": problem+json; got headers " + response.headers() + " and "
                + response.body().length + " bytes of body").startsWith(Problem.MEDIA_TYPE);
        if (head || !response.contentType().startsWith(Problem.MEDIA_TYPE)) {
            return;
        }
        JsonObject problem = json(response.text());
        softly.assertThat(problem.getInt("status", 0)).as(what + ": status in the body").isEqualTo(response.status());
        softly.assertThat(problem.getString("type", "")).as(what + ": type").startsWith("urn:eejobs:problem:");
        String detail = problem.getString("detail", "");
        softly.assertThat(detail).as(what + ": a detail").isNotBlank();
        softly.assertThat(INTERNALS.matcher(detail).find()).as(what + ": no internals in '" + detail + "'").isFalse();
        softly.assertThat(detail.length()).as(what + ": a short detail").isLessThan(1_000);
    }

    /** Far above any id a fresh database hands out. */
    private static final long NO_SUCH_JOB = 9_000_000_000L;

    /**
     * The storm against a server whose rows the test cannot read (H2 inside the server): the
     * requests aimed at sentinel rows name jobs that do not exist and must be refused all the
     * same. Sends {@code count} requests generated from {@code seed}, reports them and checks every
     * answer, and that some of the storm's jobs were stored, into {@code softly}.
     */
    static void withoutRows(Api api, RawHttp http, long seed, int count, SoftAssertions softly) throws InterruptedException {
        Map<JobState, Long> noSuchJobs = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            noSuchJobs.put(state, NO_SUCH_JOB + state.ordinal());
        }
        List<Hostile> requests = new HostileRequests(api, seed, noSuchJobs, "hostile-sentinel-none").generate(count);
        long started = System.nanoTime();
        List<Outcome> outcomes = send(http, requests);
        report(seed, outcomes, Duration.ofNanos(System.nanoTime() - started));
        Accepted accepted = checkAnswers(api, outcomes, softly);
        softly.assertThat(outcomes).as("an answer or a failure for every request").hasSize(requests.size());
        softly.assertThat(accepted.jobs).as("some of the storm's jobs were well-formed and stored").isNotEmpty();
    }

    /**
     * The storm of {@link #withoutRows} against an application Arquillian deployed at {@code base}:
     * every answer checked, no server error logged meanwhile where the server keeps a log
     * ({@link WildFlyServerLog}), and the server still ready and running a fresh job afterwards.
     */
    static void againstDeployment(Api api, URL base, long seed, int count) throws Exception {
        RawHttp http = RawHttp.of(base);
        RawHttp health = RawHttp.of(new URL(ItServer.health(base, "/"))); // the server's, not the WAR's
        long serverErrorsBefore = WildFlyServerLog.serverErrors();
        SoftAssertions softly = new SoftAssertions();
        withoutRows(api, http, seed, count, softly);
        softly.assertThat(WildFlyServerLog.serverErrors()).as("no request of the storm logged as a server error ("
                + WildFlyServerLog.SERVER_ERRORS + ") in " + WildFlyServerLog.path()).isEqualTo(serverErrorsBefore);
        softly.assertAll();
        theServerIsReadyAndRunsAFreshJob(api, http, health);
    }

    static void theServerIsReadyAndRunsAFreshJob(RawHttp http) {
        theServerIsReadyAndRunsAFreshJob(Api.DEMO, http, http);
    }

    /** @param health where the server answers {@code /health/ready} (WildFly: its management port) */
    static void theServerIsReadyAndRunsAFreshJob(Api api, RawHttp http, RawHttp health) {
        assertThat(health.send(new RawHttp.Request("GET", "/health/ready", List.of(), null, false)).status()).isEqualTo(200);
        RawHttp.Response enqueued = http.send(new RawHttp.Request("POST", api.path() + "/jobs/" + api.type(),
                List.of(DEMO, "Content-Type: application/json"),
                ("{\"" + api.field() + "\":\"after the storm\"}").getBytes(StandardCharsets.UTF_8), false));
        assertThat(enqueued.status()).as(enqueued.text()).isEqualTo(202);
        String id = json(enqueued.text()).getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> json(http.send(new RawHttp.Request("GET", api.path() + "/jobs/" + id,
                List.of(DEMO), null, false)).text()).getString("status"), JobState.SUCCEEDED.name()::equals);
    }

    static JsonObject json(String text) {
        return value(text).asJsonObject();
    }

    static JsonValue value(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
