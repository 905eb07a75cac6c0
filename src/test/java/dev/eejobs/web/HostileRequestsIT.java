package dev.eejobs.web;

import static dev.eejobs.web.HostileStorm.DEMO;
import static dev.eejobs.web.HostileStorm.abbreviated;
import static dev.eejobs.web.HostileStorm.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobState;
import dev.eejobs.web.HostileRequests.Api;
import dev.eejobs.web.HostileRequests.Hostile;
import dev.eejobs.web.HostileStorm.Accepted;
import dev.eejobs.web.HostileStorm.Outcome;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo WAR as the README runs it (Payara Micro, root context, PostgreSQL, demo users), under
 * thousands of generated hostile requests from 16 concurrent clients, seeded and reproducible
 * ({@code -Deejobs.hostile.seed}, {@code -Deejobs.hostile.requests}). Asserts: no answer is a 5xx;
 * every 4xx is a problem body that speaks of the request, not of the code; no refused request
 * stored or changed a row; what was accepted was stored as sent; readiness came only once the API
 * answered, and the server is still ready and runs a fresh job afterwards. PostgreSQL suite only.
 */
class HostileRequestsIT {

    private static final long SEED = Long.getLong("eejobs.hostile.seed", 20_261_128L);
    private static final int REQUESTS = Integer.getInteger("eejobs.hostile.requests", 5_200);

    private static PayaraMicroProcess server;
    private static RawHttp http;
    private static final List<Sample> STARTUP = new ArrayList<>();
    /** What the database held before the demo started: everything after it is this class's to remove. */
    private static long lastJobBefore;
    private static final Set<String> SCHEDULES_BEFORE = new HashSet<>();

    /** One poll while the server starts. */
    private record Sample(long startedNanos, long answeredNanos, String path, int status) {}

    @BeforeAll
    static void startTheDemoAndWatchItComeUp() throws Exception {
        rememberWhatTheDatabaseHolds();
        server = PayaraMicroProcess.startDemoOnPostgres(List.of());
        http = new RawHttp("127.0.0.1", server.port);
        AtomicInteger readyInARow = new AtomicInteger();
        await("the demo is ready; see " + server.log).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(server.alive()).as("Payara Micro is running; see " + server.log).isTrue();
                    Sample ready = poll("/health/ready", List.of());
                    poll("/api/queues", List.of(DEMO));
                    return readyInARow.updateAndGet(n -> ready.status() == 200 ? n + 1 : 0) >= 3;
                });
    }

    private static Sample poll(String path, List<String> headers) {
        long started = System.nanoTime();
        int status;
        try {
            status = http.send(new RawHttp.Request("GET", path, headers, null, false)).status();
        } catch (UncheckedIOException e) {
            status = -1; // not listening yet
        }
        Sample sample = new Sample(started, System.nanoTime(), path, status);
        STARTUP.add(sample);
        return sample;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        removeWhatTheDemoAndTheStormStored();
    }

    private static void rememberWhatTheDatabaseHolds() throws SQLException {
        try (Connection db = database(); Statement s = db.createStatement()) {
            if (!tablesExist(s)) {
                return; // the demo's first start creates them
            }
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM eejobs_job")) {
                rs.next();
                lastJobBefore = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM eejobs_schedule")) {
                while (rs.next()) {
                    SCHEDULES_BEFORE.add(rs.getString(1));
                }
            }
        }
    }

    /**
     * The storm leaves thousands of jobs behind (delayed, retrying flaky ones, unique ones) and
     * the demo its schedule; the suite's next deployment, on the same database, would otherwise
     * start by running them and logging their failures.
     */
    private static void removeWhatTheDemoAndTheStormStored() throws SQLException {
        try (Connection db = database(); Statement s = db.createStatement()) {
            if (!tablesExist(s)) {
                return;
            }
            s.executeUpdate("DELETE FROM eejobs_job WHERE id > " + lastJobBefore);
            List<String> schedules = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM eejobs_schedule")) {
                while (rs.next()) {
                    schedules.add(rs.getString(1));
                }
            }
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM eejobs_schedule WHERE name = ?")) {
                for (String name : schedules) {
                    if (!SCHEDULES_BEFORE.contains(name)) {
                        delete.setString(1, name);
                        delete.executeUpdate();
                    }
                }
            }
        }
    }

    private static boolean tablesExist(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('eejobs_job') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void readiness_comes_only_once_the_api_answers() {
        long firstReady = STARTUP.stream().filter(s -> s.path().equals("/health/ready") && s.status() == 200)
                .mapToLong(Sample::answeredNanos).min().orElseThrow();
        List<Sample> apiAfterReady = STARTUP.stream()
                .filter(s -> s.path().equals("/api/queues") && s.startedNanos() > firstReady).toList();
        assertThat(apiAfterReady).isNotEmpty().allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        assertThat(http.send(new RawHttp.Request("GET", "/health/started", List.of(), null, false)).status()).isEqualTo(200);
    }

    @Test
    void the_openapi_document_is_served_as_yaml_or_json() {
        RawHttp.Response yaml = http.send(new RawHttp.Request("GET", "/openapi", List.of(), null, false));
        RawHttp.Response json = http.send(new RawHttp.Request("GET", "/openapi", List.of("Accept: application/json"),
                null, false));
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.text()).contains("/api/jobs/{type}:");
        assertThat(json.contentType()).startsWith("application/json");
    }

    /**
     * Refused by Payara before any application sees them (README, "Requests the server refuses
     * itself"): they cannot carry a problem body, but none may be a 5xx.
     */
    @Test
    void requests_the_server_refuses_before_the_application_never_get_a_5xx() {
        Map<String, RawHttp.Request> requests = new TreeMap<>(Map.of(
                "encoded NUL in the path", get("/api/jobs/%00"),
                "invalid UTF-8 in the path", get("/api/jobs/%C0%AF"),
                "backslash in the path", get("/api/jobs/\\\""),
                "a path above the root", get("/api/..%2F..%2Fetc"),
                "a URI over 8 KiB", get("/api/jobs?x=" + "a".repeat(20_000)),
                "a header over 8 KiB", new RawHttp.Request("GET", "/api/jobs", List.of(DEMO, "X-Long: " + "a".repeat(20_000)),
                        null, false),
                "300 headers", new RawHttp.Request("GET", "/api/jobs", manyHeaders(), null, false),
                "TRACE", new RawHttp.Request("TRACE", "/api/jobs", List.of(DEMO), null, false),
                "a malformed escape", get("/api/jobs/%zz")));
        SoftAssertions softly = new SoftAssertions();
        requests.forEach((name, request) -> {
            RawHttp.Response response = http.send(request);
            softly.assertThat(response.status()).as(name + ": " + response.status() + " " + response.contentType())
                    .isLessThan(500);
        });
        softly.assertAll();
    }

    private static RawHttp.Request get(String target) {
        return new RawHttp.Request("GET", target, List.of(DEMO), null, false);
    }

    private static List<String> manyHeaders() {
        List<String> headers = new ArrayList<>(List.of(DEMO));
        for (int i = 0; i < 300; i++) {
            headers.add("X-H" + i + ": v");
        }
        return headers;
    }

    @Test
    void thousands_of_hostile_requests_get_a_2xx_or_a_problem_4xx_and_store_nothing_unsent() throws Exception {
        try (Connection db = database()) {
            Sentinels sentinels = Sentinels.insert(db);
            try {
                Snapshot before = Snapshot.take(db, sentinels);
                List<Hostile> requests = new HostileRequests(SEED, sentinels.ids, sentinels.schedule).generate(REQUESTS);
                long started = System.nanoTime();
                List<Outcome> outcomes = HostileStorm.send(http, requests);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                Snapshot after = Snapshot.take(db, sentinels);
                HostileStorm.report(SEED, outcomes, took);

                SoftAssertions softly = new SoftAssertions();
                Accepted accepted = HostileStorm.checkAnswers(Api.DEMO, outcomes, softly);
                checkRows(db, before, after, accepted, softly);
                softly.assertThat(outcomes).hasSizeGreaterThanOrEqualTo(5_000);
                softly.assertAll();
                HostileStorm.theServerIsReadyAndRunsAFreshJob(http);
            } finally {
                sentinels.remove(db);
            }
        }
    }

    private static void checkRows(Connection db, Snapshot before, Snapshot after, Accepted accepted, SoftAssertions softly)
            throws SQLException {
        softly.assertThat(after.sentinelJobs).as("the sentinel jobs, byte for byte").isEqualTo(before.sentinelJobs);
        softly.assertThat(after.sentinelSchedule).as("the sentinel schedule, byte for byte").isEqualTo(before.sentinelSchedule);
        Set<String> firing = new HashSet<>(before.schedules);
        firing.addAll(accepted.schedules);
        for (Map.Entry<Long, String> row : after.jobs.entrySet()) {
            if (before.jobs.containsKey(row.getKey()) || accepted.jobs.containsKey(row.getKey())) {
                continue;
            }
            String key = row.getValue();
            softly.assertThat(key != null && firing.contains(key.substring(0, key.lastIndexOf('@'))))
                    .as("job " + row.getKey() + " was stored by an accepted request or a schedule (key " + key + ")")
                    .isTrue();
        }
        Set<String> newSchedules = new HashSet<>(after.schedules);
        newSchedules.removeAll(before.schedules);
        softly.assertThat(accepted.schedules).as("schedules stored only by accepted declarations")
                .containsAll(newSchedules);
        checkStoredAsSent(db, accepted, softly);
    }

    /** Every accepted argument is stored as it was sent (layout aside), every run-at as given. */
    private static void checkStoredAsSent(Connection db, Accepted accepted, SoftAssertions softly) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT argument_json, run_at, attempts FROM eejobs_job WHERE id = ?")) {
            for (Map.Entry<Long, Hostile> job : accepted.jobs.entrySet()) {
                s.setLong(1, job.getKey());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        continue; // pruned or deleted since; nothing to compare
                    }
                    Hostile h = job.getValue();
                    String sent = h.arguments().get(accepted.batchPositions.getOrDefault(job.getKey(), 0));
                    String stored = rs.getString(1);
                    softly.assertThat(sameJson(value(sent), value(stored)))
                            .as("job " + job.getKey() + ": sent " + abbreviated(sent) + ", stored " + abbreviated(stored))
                            .isTrue();
                    if (h.runAt() != null && rs.getInt(3) == 0) { // a failed attempt moves run_at on to the retry
                        softly.assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).as("job " + job.getKey() + " run_at")
                                .isEqualTo(Instant.parse(h.runAt()));
                    }
                }
            }
        }
    }

    /** Equal JSON, numbers by value, a null property the same as an absent one. */
    private static boolean sameJson(JsonValue a, JsonValue b) {
        if (a.getValueType() == JsonValue.ValueType.OBJECT && b.getValueType() == JsonValue.ValueType.OBJECT) {
            Set<String> keys = new HashSet<>(a.asJsonObject().keySet());
            keys.addAll(b.asJsonObject().keySet());
            return keys.stream().allMatch(k -> sameJson(a.asJsonObject().getOrDefault(k, JsonValue.NULL),
                    b.asJsonObject().getOrDefault(k, JsonValue.NULL)));
        }
        if (a.getValueType() == JsonValue.ValueType.NUMBER && b.getValueType() == JsonValue.ValueType.NUMBER) {
            return ((jakarta.json.JsonNumber) a).bigDecimalValue().compareTo(((jakarta.json.JsonNumber) b).bigDecimalValue()) == 0;
        }
        if (a.getValueType() == JsonValue.ValueType.ARRAY && b.getValueType() == JsonValue.ValueType.ARRAY) {
            var x = a.asJsonArray();
            var y = b.asJsonArray();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameJson(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    // --- the database, read directly ------------------------------------------------------

    private static Connection database() throws SQLException {
        String name = System.getenv().getOrDefault("EEJOBS_DB_NAME", "test");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "postgres");
    }

    /** Rows the requests aim at but the API must never change: one job per state, one schedule. */
    private static final class Sentinels {
        final Map<JobState, Long> ids = new EnumMap<>(JobState.class);
        final String schedule = "hostile-sentinel-" + UUID.randomUUID().toString().substring(0, 8);
        final long first = 7_000_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L) * 10;

        static Sentinels insert(Connection db) throws SQLException {
            Sentinels s = new Sentinels();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO eejobs_job (id, job_type, queue_name, status,"
                    + " argument_json, priority, run_at, enqueued_at, attempts, max_retries, backoff, heartbeat_ms,"
                    + " lease_token, lease_owner, lease_expires_at, started_at, finished_at, last_error) VALUES"
                    + " (?, 'greet', 'hostile-sentinel', ?, '{\"name\":\"sentinel\"}', 0, now() + interval '1 day', now(), ?,"
                    + " 5, 'exponential(2)', 5000, ?, ?, ?, ?, ?, ?)")) {
                long id = s.first;
                for (JobState state : JobState.values()) {
                    boolean running = state == JobState.RUNNING;
                    boolean finished = state != JobState.QUEUED && !running;
                    insert.setLong(1, id);
                    insert.setString(2, state.name());
                    insert.setInt(3, state == JobState.QUEUED ? 0 : 1);
                    insert.setString(4, running ? "sentinel-token" : null);
                    insert.setString(5, running ? "nobody" : null);
                    insert.setObject(6, running ? OffsetDateTime.parse("2999-01-01T00:00:00Z") : null);
                    insert.setObject(7, state == JobState.QUEUED ? null : OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                    insert.setObject(8, finished ? OffsetDateTime.now().plusYears(50) : null);
                    insert.setString(9, state == JobState.DEAD ? "java.lang.IllegalStateException: sentinel" : null);
                    insert.executeUpdate();
                    s.ids.put(state, id++);
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO eejobs_schedule (name, job_type, argument_json,"
                    + " interval_ms, next_fire_at) VALUES (?, 'greet', '{\"name\":\"sentinel\"}', 3153600000000,"
                    + " '2100-01-01T00:00:00Z')")) {
                insert.setString(1, s.schedule);
                insert.executeUpdate();
            }
            return s;
        }

        void remove(Connection db) throws SQLException {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("DELETE FROM eejobs_job WHERE id BETWEEN " + first + " AND " + (first + 10)
                        + " OR queue_name = '" + HostileRequests.IDLE_QUEUE + "'");
                s.executeUpdate("DELETE FROM eejobs_schedule WHERE name = '" + schedule + "' OR name LIKE 'hostile-s-%'");
            }
        }
    }

    /** The tables as the checks need them. */
    private static final class Snapshot {
        final Map<Long, String> jobs = new HashMap<>(); // id -> schedule key
        final Set<String> schedules = new HashSet<>();
        String sentinelJobs;
        String sentinelSchedule;

        static Snapshot take(Connection db, Sentinels sentinels) throws SQLException {
            Snapshot snapshot = new Snapshot();
            try (Statement s = db.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, schedule_key FROM eejobs_job")) {
                    while (rs.next()) {
                        snapshot.jobs.put(rs.getLong(1), rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT name FROM eejobs_schedule")) {
                    while (rs.next()) {
                        snapshot.schedules.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM eejobs_job t"
                        + " WHERE id BETWEEN " + sentinels.first + " AND " + (sentinels.first + 10))) {
                    rs.next();
                    snapshot.sentinelJobs = rs.getString(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT md5(t::text) FROM eejobs_schedule t WHERE name = '"
                        + sentinels.schedule + "'")) {
                    rs.next();
                    snapshot.sentinelSchedule = rs.getString(1);
                }
            }
            return snapshot;
        }
    }
}
