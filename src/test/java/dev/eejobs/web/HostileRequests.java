package dev.eejobs.web;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Generates the hostile test's requests from a seed: every endpoint of the API with every
 * parameter, each drawn from valid values and from the kinds of values that broke it before
 * (times out of range, durations that overflow, deep or wide JSON, names that are templates,
 * missing or malformed content types, wrong methods, wrong users). The same seed gives the same
 * requests; the ids of the sentinel rows are the only values that come from the run.
 */
final class HostileRequests {

    /** What a request may do if it is answered 2xx, so the test can tell legitimate changes from stored surprises. */
    enum Effect {
        /** reads, or refused for sure */
        NONE,
        /** stores one job whose argument and run-at must be stored as sent */
        ENQUEUE,
        /** stores a batch of jobs */
        BATCH,
        /** creates or replaces a schedule of the test's own pool */
        PUT_SCHEDULE,
        /** deletes a schedule of the test's own pool */
        DELETE_SCHEDULE,
        /** must never succeed: a change of a sentinel row the API refuses, or a request without the right user */
        MUST_BE_REFUSED
    }

    /**
     * One generated request.
     *
     * @param kind what it aims at, for the report
     * @param request the bytes to send
     * @param effect what a 2xx answer may have changed
     * @param runAt the run-at sent, or null
     * @param arguments the arguments sent (one, or a batch's), for ENQUEUE and BATCH
     * @param schedule the schedule named, for PUT_SCHEDULE and DELETE_SCHEDULE
     */
    record Hostile(String kind, RawHttp.Request request, Effect effect, String runAt, List<String> arguments,
            String schedule) {}

    static final String DEMO = "demo:demo";
    static final String PRODUCER = "producer:producer";
    static final String OPERATOR = "operator:operator";
    static final String IDLE_QUEUE = "hostile-idle";
    static final List<String> SCHEDULE_POOL = List.of("hostile-s-0", "hostile-s-1", "hostile-s-2", "hostile-s-3",
            "hostile-s-4", "hostile-s-5", "hostile-s-6", "hostile-s-7");

    private static final String JSON = "application/json";
    private static final List<String> DELAYS_OK = List.of("0s", "30s", "500ms", "PT1H", "36500d", "1d", " 5 m ");
    private static final List<String> DELAYS_BAD = List.of("-5s", "soon", "9223372036854775807s", "106751991167300d",
            "PT2562047788015215H", "999999999999d", "9223372036854775807ms", "36501d", "1e3s", "", "PT-1S",
            "PT0.0000000001S", "\u0000", "1\u00a0s", "１s");
    private static final List<String> RUN_ATS_OK = List.of("2030-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z", "2024-02-29T12:34:56.123456Z", "2000-01-01T00:00:00.5Z");
    private static final List<String> RUN_ATS_BAD = List.of("-999999999-01-01T00:00:00Z", "-5000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "tomorrow", "2030-01-01T00:00:00.123456789Z", "2030-02-30T00:00:00Z", "1969-12-31T23:59:59.999999Z",
            "", "2030-01-01", "2030-01-01T00:00:00+01:00", "9999-12-31T23:59:59.9999999Z");
    private static final List<String> QUEUES_OK = List.of("default", IDLE_QUEUE);
    private static final List<String> QUEUES_BAD = List.of("a b", "x';DROP TABLE eejobs_job;--", "x".repeat(101), "é",
            "", "q\u0000", "${jndi:ldap://x/a}");
    private static final List<String> PRIORITIES = List.of("0", "5", "-2147483648", "2147483647", "2147483648", "high",
            "1.5", "", "0x10", "+3", "-0");
    private static final List<String> RETRIES = List.of("0", "3", "unlimited", "UNLIMITED", "2147483647", "-7", "-1",
            "many", "99999999999", "");
    private static final List<String> BACKOFFS = List.of("exponential(2)", "fixed(30s)", "linear(10s, cap=5m, jitter=0.2)",
            "fixed(36500d)", "exponential(1.5,cap=1h)", "sometimes", "fixed(999999999999d)", "exponential(NaN)",
            "exponential(1e400)", "fixed(-1s)", "linear(1s, foo=2)", "x".repeat(300), "exponential(0.5)",
            "fixed(1s, jitter=2)", "exponential(0x10)", "fixed(" + "(".repeat(50) + ")");
    private static final List<String> CONTENT_TYPES_BAD = List.of("text/plain", "application/xml", ";;;",
            "application/json; charset=ISO-8859-1", "application/json, text/plain", "application/problem+json", "*/*",
            "application/json; charset=x-nonsense", "application/json; charset=", "json");
    private static final List<String> STATUSES = List.of("QUEUED", "dead", "Running", "SUCCEEDED", "CANCELLED",
            "QUEUED' OR '1'='1", "x".repeat(300), "", "PAUSED");
    private static final List<String> LIMITS = List.of("1", "50", "200", "0", "201", "-1", "all", "99999999999", "");
    private static final List<String> IDS_BAD = List.of("999999999999", "0", "-1", "abc", "1e3", "9223372036854775808",
            "%2F", "1%20", "%C3%A9", "1.0", "0x10");
    private static final List<String> NAMES_BAD = List.of("acc%7Bx%7D", "%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D",
            "fz%7B%7B7*7%7D%7D", ".hidden", "x".repeat(201), "%C3%A9", "a%20b", "-lead", "a%3Fb", "a%23b");
    private static final List<String> ACCEPTS_BAD = List.of("text/html", "application/xml", "image/png");

    /**
     * The application the requests aim at: where its jobs API lives, the job types it lets HTTP
     * enqueue and the one property of their argument.
     *
     * @param path the API's path in the application
     * @param types the types a producer may enqueue over HTTP, the first also used in schedules and queries
     * @param field the argument's property
     */
    record Api(String path, List<String> types, String field) {

        /** The demo WAR: the API at /api, {@code greet} and {@code flaky-greet}, a {@code Greeting(name)}. */
        static final Api DEMO = new Api("/api", List.of("greet", "flaky-greet"), "name");
        /** The shop of {@code EmbeddingIT}: the API at its default path, {@code shop-confirm}, an {@code OrderPlaced}. */
        static final Api SHOP = new Api("/jobs-api", List.of("shop-confirm"), "orderId");

        String type() {
            return types.get(0);
        }

        /** Paths that do not start with the API's path but that the server maps to the API all the same. */
        List<String> spelledOtherwise() {
            String rest = path.substring(2);
            return List.of("/" + path + "/queues", "/." + path + "/queues", "/x/.." + path + "/queues",
                    "/%2e" + path + "/queues", "/%" + Integer.toHexString(path.charAt(1)) + rest + "/queues");
        }

        /** @return whether the module's API answers this request target */
        boolean answers(String target) {
            return target.startsWith(path) || spelledOtherwise().contains(target);
        }
    }

    private final Api api;
    private final List<String> typesBad;
    private final Random random;
    private final Map<JobState, Long> sentinels;
    private final String sentinelSchedule;
    private final List<Supplier<Hostile>> kinds = new ArrayList<>();

    HostileRequests(long seed, Map<JobState, Long> sentinels, String sentinelSchedule) {
        this(Api.DEMO, seed, sentinels, sentinelSchedule);
    }

    HostileRequests(Api api, long seed, Map<JobState, Long> sentinels, String sentinelSchedule) {
        this.api = api;
        this.typesBad = List.of("no-such-type", "it-record", "x".repeat(300), "%7Bx%7D",
                "%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D", "%27%3BDROP%20TABLE%20eejobs_job%3B--", "%C3%A9t%C3%A9",
                api.type() + "%20", api.type().toUpperCase(Locale.ROOT), api.type() + ";x=1", "..%2F..%2F", "%2e%2e",
                "%2F");
        this.random = new Random(seed);
        this.sentinels = sentinels;
        this.sentinelSchedule = sentinelSchedule;
        weight(25, this::enqueue);
        weight(10, this::batch);
        weight(5, this::getJob);
        weight(9, this::listJobs);
        weight(3, () -> plain("queues", "GET", api.path() + "/queues", user(true), Effect.NONE));
        weight(10, this::changeSentinel);
        weight(2, () -> plain("schedules", "GET", api.path() + "/schedules", user(true), Effect.NONE));
        weight(3, this::getSchedule);
        weight(13, this::putSchedule);
        weight(4, this::deleteSchedule);
        weight(8, this::oddPathOrMethod);
        weight(12, this::jobControl);
    }

    private void weight(int n, Supplier<Hostile> kind) {
        for (int i = 0; i < n; i++) {
            kinds.add(kind);
        }
    }

    List<Hostile> generate(int count) {
        List<Hostile> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(kinds.get(random.nextInt(kinds.size())).get());
        }
        return all;
    }

    // --- the kinds ------------------------------------------------------------------------

    private Hostile enqueue() {
        String type = random.nextInt(10) < 8 ? pick(api.types()) : pick(typesBad);
        Options options = options();
        Body body = argument();
        String user = enqueuer();
        return new Hostile("enqueue", request("POST", api.path() + "/jobs/" + type + options.query, contentType(),
                userHeader(user), body.bytes), effect(user, Effect.ENQUEUE), options.runAt, List.of(body.text), null);
    }

    private Hostile batch() {
        String type = random.nextInt(10) < 8 ? pick(api.types()) : pick(typesBad);
        Options options = options();
        List<String> arguments = new ArrayList<>();
        int size = random.nextInt(20) == 0 ? 1001 : 1 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
            arguments.add(size > 1000 ? "{\"" + api.field() + "\":\"x\"}" : argument().text);
        }
        String text = "[" + String.join(",", arguments) + "]";
        switch (random.nextInt(12)) {
            case 0 -> text = "[]";
            case 1 -> text = "{\"" + api.field() + "\":\"x\"}";
            case 2 -> text = text.substring(0, text.length() - 1);
            case 3 -> text = "[" + "[".repeat(40) + "]".repeat(40) + "]";
            default -> { }
        }
        String user = enqueuer();
        return new Hostile("batch", request("POST", api.path() + "/jobs/" + type + "/batch" + options.query, contentType(),
                userHeader(user), text.getBytes(StandardCharsets.UTF_8)), effect(user, Effect.BATCH), options.runAt,
                arguments, null);
    }

    /**
     * Job control (issue 12) with input its endpoints must refuse, or by users without the role;
     * nothing here may change a row. Reads of attempts and log lines may answer anything but a 5xx.
     */
    private Hostile jobControl() {
        boolean outsider = random.nextInt(5) == 0;
        String user = outsider ? pick(List.of("producer", "none", "wrong", "garbage")) : "admin";
        return switch (random.nextInt(6)) {
            case 0 -> { // a queue name the API refuses, or the sentinels' queue without the role
                // a NUL in a path is refused by the HTTP server itself, before the module (plain 400)
                String queue = outsider ? "hostile-sentinel"
                        : encode(pick(QUEUES_BAD.stream().filter(q -> q.indexOf('\u0000') < 0).toList()));
                yield refused("pause queue", "POST", api.path() + "/queues/" + queue + "/" + pick(List.of("pause", "resume")),
                        user, null);
            }
            case 1 -> { // bulk actions without a status, or with filters that do not parse
                String query = pick(List.of("", "?status=BOGUS", "?status=dead%27--", "?status=%00",
                        "?status=DEAD&olderThan=soon", "?status=DEAD&olderThan=2026-13-45T00:00:00Z",
                        "?type=" + api.type(), "?status=SUCCEEDED&olderThan=-1h"));
                yield refused("bulk", "POST", api.path() + "/jobs/bulk/" + pick(List.of("retry", "cancel", "delete", "purge"))
                        + query, user, null);
            }
            case 2 -> { // enqueue with a unique key, timeout or parent the API refuses
                String query = pick(List.of("uniqueKey=", "uniqueKey=" + encode("tab\there"),
                        "uniqueKey=" + "k".repeat(201), "timeout=soon", "timeout=0ms", "timeout=-1s",
                        "timeout=1.5ms", "after=abc", "after=999999999999", "after=-1",
                        "uniqueKey=k&uniqueFor=forever"));
                yield new Hostile("job control enqueue", request("POST", api.path() + "/jobs/" + api.type() + "?" + query, "Content-Type: " + JSON,
                        userHeader(outsider ? user : "ok"), ("{\"" + api.field() + "\":\"x\"}").getBytes(StandardCharsets.UTF_8)),
                        Effect.MUST_BE_REFUSED, null, List.of(), null);
            }
            case 3 -> { // schedule control on a name the API refuses, or the sentinel schedule without the role
                String name = outsider ? sentinelSchedule : pick(NAMES_BAD);
                yield refused("schedule control", "POST", api.path() + "/schedules/" + name + "/"
                        + pick(List.of("pause", "resume", "trigger")), user, null);
            }
            case 4 -> plain("attempts or log", "GET", api.path() + "/jobs/" + (random.nextBoolean()
                    ? Long.toString(anySentinel()) : pick(IDS_BAD)) + "/" + pick(List.of("attempts", "log")),
                    user(true), Effect.NONE);
            default -> refused("control bad id", "POST", api.path() + "/jobs/" + pick(IDS_BAD) + "/"
                    + pick(List.of("cancel", "retry")), user, null);
        };
    }

    private Hostile refused(String kind, String method, String target, String user, byte[] body) {
        return new Hostile(kind, request(method, target, null, userHeader(user), body), Effect.MUST_BE_REFUSED, null,
                List.of(), null);
    }

    private Hostile getJob() {
        String id = random.nextBoolean() ? Long.toString(anySentinel()) : pick(IDS_BAD);
        return plain("get job", "GET", api.path() + "/jobs/" + id, user(true), Effect.NONE);
    }

    private Hostile listJobs() {
        StringBuilder query = new StringBuilder();
        if (random.nextBoolean()) {
            query.append("&status=").append(encode(pick(STATUSES)));
        }
        if (random.nextInt(3) == 0) {
            query.append("&type=").append(encode(random.nextBoolean() ? api.type() : "x' OR 1=1 --"));
        }
        if (random.nextInt(3) == 0) {
            query.append("&queue=").append(encode(random.nextBoolean() ? pick(QUEUES_OK) : pick(QUEUES_BAD)));
        }
        if (random.nextBoolean()) {
            query.append("&limit=").append(encode(pick(LIMITS)));
        }
        if (random.nextInt(4) == 0) {
            String cursor = switch (random.nextInt(4)) {
                case 0 -> JobCursor.encode(1 + random.nextInt(1_000_000), new JobFilter(JobState.DEAD, null, null));
                case 1 -> JobCursor.encode(1 + random.nextInt(1_000_000), new JobFilter(null, null, null));
                case 2 -> "abc";
                default -> Base64.getUrlEncoder().encodeToString("1.-5.x".getBytes(StandardCharsets.US_ASCII));
            };
            query.append("&cursor=").append(encode(cursor));
        }
        String target = api.path() + "/jobs" + (query.length() == 0 ? "" : "?" + query.substring(1));
        return plain("list jobs", "GET", target, user(true), Effect.NONE);
    }

    /** Retry, cancel or delete of a sentinel in a state that refuses it, or by a user without the role. */
    private Hostile changeSentinel() {
        String action = pick(List.of("retry", "cancel", "delete"));
        List<JobState> refusing = switch (action) {
            case "retry" -> List.of(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED, JobState.CANCELLED,
                    JobState.WAITING);
            // a RUNNING job takes a cancel request (issue 12), a WAITING one is cancelled: neither refuses
            case "cancel" -> List.of(JobState.DEAD, JobState.SUCCEEDED, JobState.CANCELLED);
            default -> List.of(JobState.QUEUED, JobState.RUNNING, JobState.WAITING);
        };
        boolean wrongUser = random.nextInt(4) == 0;
        long id = wrongUser ? anySentinel() : sentinels.get(pick(refusing));
        String user = wrongUser ? pick(List.of("producer", "none", "wrong", "garbage")) : "ok";
        String target = action.equals("delete") ? api.path() + "/jobs/" + id : api.path() + "/jobs/" + id + "/" + action;
        return new Hostile(action + " sentinel", request(action.equals("delete") ? "DELETE" : "POST", target, null,
                userHeader(user.equals("ok") ? "admin" : user), null), Effect.MUST_BE_REFUSED, null, List.of(), null);
    }

    private Hostile getSchedule() {
        String name = switch (random.nextInt(3)) {
            case 0 -> sentinelSchedule;
            case 1 -> pick(SCHEDULE_POOL);
            default -> pick(NAMES_BAD);
        };
        return plain("get schedule", "GET", api.path() + "/schedules/" + name, user(true), Effect.NONE);
    }

    private Hostile putSchedule() {
        String user = random.nextInt(8) == 0 ? pick(List.of("producer", "none", "wrong")) : "admin";
        int target = random.nextInt(10);
        String name = target < 6 ? pick(SCHEDULE_POOL) : target < 8 ? sentinelSchedule : pick(NAMES_BAD);
        // the sentinel schedule only ever gets declarations the API refuses
        String body = name.equals(sentinelSchedule) ? pick(List.of(
                "{\"type\":\"" + api.type() + "\",\"every\":\"10ms\",\"argument\":{\"" + api.field() + "\":\"x\"}}",
                "{\"type\":\"" + api.type() + "\",\"every\":\"1h\",\"argument\":{\"" + api.field() + "\":5}}", "{\"type\":",
                "{\"type\":\"" + api.type() + "\",\"cron\":\"61 * * * *\",\"argument\":{}}")) : scheduleBody();
        Effect effect = SCHEDULE_POOL.contains(name) && user.equals("admin") ? Effect.PUT_SCHEDULE : Effect.MUST_BE_REFUSED;
        return new Hostile("put schedule", request("PUT", api.path() + "/schedules/" + name, contentType(), userHeader(user),
                body.getBytes(StandardCharsets.UTF_8)), effect, null, List.of(), name);
    }

    private Hostile deleteSchedule() {
        String user = random.nextInt(6) == 0 ? pick(List.of("producer", "none", "wrong")) : "admin";
        boolean sentinel = random.nextInt(5) == 0;
        String name = sentinel ? sentinelSchedule : random.nextInt(4) == 0 ? pick(NAMES_BAD) : pick(SCHEDULE_POOL);
        Effect effect = sentinel || !user.equals("admin") ? Effect.MUST_BE_REFUSED
                : SCHEDULE_POOL.contains(name) ? Effect.DELETE_SCHEDULE : Effect.NONE;
        if (sentinel && user.equals("admin")) {
            user = "producer"; // the sentinel schedule is only ever asked to be deleted by users who may not
        }
        return new Hostile("delete schedule", request("DELETE", api.path() + "/schedules/" + name, null, userHeader(user), null),
                effect, null, List.of(), name);
    }

    private Hostile oddPathOrMethod() {
        List<String> headers = new ArrayList<>(userHeader(pick(List.of("admin", "admin", "none"))));
        String method;
        String target;
        byte[] body = null;
        switch (random.nextInt(14)) {
            case 0 -> { method = "PATCH"; target = api.path() + "/jobs/" + anySentinel(); body = "{}".getBytes(StandardCharsets.UTF_8); headers.add("Content-Type: application/json"); }
            case 1 -> { method = "DELETE"; target = api.path() + "/queues"; }
            case 2 -> { method = "POST"; target = api.path() + "/schedules"; body = "{}".getBytes(StandardCharsets.UTF_8); headers.add("Content-Type: application/json"); }
            case 3 -> { method = "PUT"; target = api.path() + "/jobs/" + anySentinel(); body = "{}".getBytes(StandardCharsets.UTF_8); headers.add("Content-Type: application/json"); }
            case 4 -> { method = "GET"; target = pick(Stream.concat(Stream.of(api.path() + "/", api.path(), api.path() + "/jobs/", api.path() + "//queues",
                    api.path() + "/jobs/1/2/3", api.path() + "/nothing-here", api.path() + "/jobs/..%2F..%2F", api.path() + "/schedules/a/b", api.path() + ";x=1/queues"),
                    api.spelledOtherwise().stream()).toList()); }
            case 5 -> { method = "HEAD"; target = api.path() + "/queues"; }
            case 6 -> { method = "OPTIONS"; target = pick(List.of(api.path() + "/jobs", api.path() + "/queues", api.path() + "/schedules/x")); }
            case 7 -> { method = "GET"; target = api.path() + "/queues"; headers.add("Accept: " + pick(ACCEPTS_BAD)); }
            case 8 -> { method = "FOO"; target = api.path() + "/jobs"; }
            case 9 -> { method = "GET"; target = api.path() + "/queues"; headers.add("X-Big: " + "a".repeat(6_000)); }
            case 10 -> { method = "POST"; target = api.path() + "/jobs/" + api.type(); body = ("{\"" + api.field() + "\":\"x\"}").getBytes(StandardCharsets.UTF_8);
                headers.add("Content-Type: application/json"); headers.add("Accept: " + pick(ACCEPTS_BAD));
                return new Hostile("odd", new RawHttp.Request(method, target, headers, body, false),
                        Effect.MUST_BE_REFUSED, null, List.of(), null); }
            case 11 -> { method = "GET"; target = "/nothing"; }
            case 12 -> { method = "POST"; target = api.path() + "/jobs/" + sentinels.get(JobState.QUEUED) + "/retry"; body = "junk".getBytes(StandardCharsets.UTF_8); headers.add("Content-Type: text/plain"); }
            default -> { method = "GET"; target = api.path() + "/jobs?limit=1&limit=2&status=QUEUED&status=DEAD"; }
        }
        boolean changes = target.contains("/retry") || method.equals("PATCH") || method.equals("PUT");
        return new Hostile("odd", new RawHttp.Request(method, target, headers, body, false),
                changes ? Effect.MUST_BE_REFUSED : Effect.NONE, null, List.of(), null);
    }

    // --- parts ----------------------------------------------------------------------------

    /** Query options of an enqueue, and the run-at among them. */
    private record Options(String query, String runAt) {}

    private Options options() {
        StringBuilder query = new StringBuilder();
        String runAt = null;
        int which = random.nextInt(3);
        if (which == 0) {
            query.append("&delay=").append(encode(random.nextInt(10) < 6 ? pick(DELAYS_OK) : pick(DELAYS_BAD)));
        } else if (which == 1) {
            runAt = random.nextInt(10) < 6 ? pick(RUN_ATS_OK) : pick(RUN_ATS_BAD);
            query.append("&runAt=").append(encode(runAt));
            if (random.nextInt(15) == 0) {
                query.append("&delay=1s");
            }
        }
        if (random.nextInt(10) < 7) {
            query.append("&queue=").append(encode(random.nextInt(10) < 8 ? pick(QUEUES_OK) : pick(QUEUES_BAD)));
        }
        if (random.nextInt(4) == 0) {
            query.append("&priority=").append(encode(pick(PRIORITIES)));
        }
        if (random.nextInt(4) == 0) {
            query.append("&maxRetries=").append(encode(pick(RETRIES)));
        }
        if (random.nextInt(4) == 0) {
            query.append("&backoff=").append(encode(pick(BACKOFFS)));
        }
        return new Options(query.length() == 0 ? "" : "?" + query.substring(1), runAt);
    }

    /** A body: its text (as the test compares what was stored) and its bytes (as sent). */
    private record Body(String text, byte[] bytes) {
        Body(String text) {
            this(text, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Body argument() {
        return switch (random.nextInt(24)) {
            case 0, 1, 2, 3, 4, 5, 6 -> new Body("{\"" + api.field() + "\":\"" + pick(List.of("Ada", "Grace", "", "é中😀", "a\\\"b",
                    "\\u0000", "line\\nbreak", "x".repeat(500))) + "\"}");
            case 7 -> new Body("{\"" + api.field() + "\":null}");
            case 8 -> new Body(" { \"" + api.field() + "\" : \"spaced\" } ");
            case 9 -> new Body("{\"nmae\":\"x\"}");
            case 10 -> new Body("{\"" + api.field() + "\":5}");
            case 11 -> new Body("{\"" + api.field() + "\":{\"a\":1}}");
            case 12 -> new Body("{\"a\":".repeat(10_000) + "{}" + "}".repeat(10_000));
            case 13 -> new Body("{\"" + api.field() + "\":\"x\",\"tags\":[" + "0,".repeat(10_000) + "0]}");
            case 14 -> new Body("{\"" + api.field() + "\":\"a\",\"" + api.field() + "\":\"b\"}");
            case 15 -> new Body("{\"" + api.field() + "\":\"\\ud800\"}");
            case 16 -> new Body("{\"" + api.field() + "\":1e999999999}");
            case 17 -> new Body("{\"" + api.field() + "\":");
            case 18 -> new Body(pick(List.of("hello", "", "null", "[1,2]", "{} {}", "\"text\"", "true")));
            case 19 -> new Body("{\"" + api.field() + "\":\"" + "x".repeat(70_000) + "\"}");
            case 20 -> new Body("{\"" + api.field() + "\":\"\ufffd\ufffd\"}", invalidUtf8());
            case 21 -> new Body("\ufeff{\"" + api.field() + "\":\"bom\"}");
            case 22 -> new Body("{\"" + api.field() + "\":\"" + "\\\\".repeat(1000) + "\"}");
            default -> new Body("[" + ("{\"" + api.field() + "\":\"x\"},").repeat(3) + "]");
        };
    }

    /** The argument with a value that is not UTF-8: the bytes 0xff 0xfe. */
    private byte[] invalidUtf8() {
        byte[] head = ("{\"" + api.field() + "\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + 4);
        all[head.length] = (byte) 0xff;
        all[head.length + 1] = (byte) 0xfe;
        all[head.length + 2] = '"';
        all[head.length + 3] = '}';
        return all;
    }

    private String scheduleBody() {
        String argument = random.nextInt(5) == 0 ? argument().text : "{\"" + api.field() + "\":\"scheduled\"}";
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> "{\"type\":\"" + api.type() + "\",\"every\":\"" + pick(List.of("1h", "30s", "36500d", "PT1H"))
                    + "\",\"argument\":" + argument + "}";
            case 3, 4 -> "{\"type\":\"" + api.type() + "\",\"cron\":\"" + pick(List.of("0 3 * * MON-FRI", "@daily", "*/5 * * * *"))
                    + "\",\"zone\":\"" + pick(List.of("Europe/Berlin", "UTC")) + "\",\"argument\":" + argument + "}";
            case 5 -> "{\"type\":\"" + api.type() + "\",\"cron\":\"61 * * * *\",\"argument\":{}}";
            case 6 -> "{\"type\":\"" + api.type() + "\",\"every\":\"" + pick(List.of("10ms", "999999999999d", "36501d", "-1s",
                    "PT1.0000001S")) + "\",\"argument\":{}}";
            case 7 -> "{\"type\":\"" + api.type() + "\",\"cron\":\"@daily\",\"zone\":\"Mars/Olympus\",\"argument\":{}}";
            case 8 -> "{\"type\":\"" + api.type() + "\",\"every\":\"1h\",\"argument\":{},\"sql\":\"x\"}";
            case 9 -> "{\"type\":\"" + api.type() + "\",\"every\":\"1h\",\"argument\":" + "{\"a\":".repeat(5_000) + "{}"
                    + "}".repeat(5_000) + "}";
            case 10 -> "{\"type\":\"no-such-type\",\"every\":\"1h\",\"argument\":{}}";
            case 11 -> "{\"every\":\"1h\",\"argument\":{}}";
            case 12 -> "{\"type\":\"" + api.type() + "\",\"every\":5,\"argument\":{}}";
            case 13 -> "{\"type\":\"" + api.type() + "\",\"every\":\"1h\",\"zone\":\"UTC\",\"argument\":{}}";
            case 14 -> "{\"type\":\"" + api.type() + "\",\"cron\":\"" + "0 ".repeat(150) + "\",\"argument\":{}}";
            default -> pick(List.of("", "[]", "{\"type\":", "null"));
        };
    }

    /** A Content-Type header line, or null for none. */
    private String contentType() {
        int roll = random.nextInt(20);
        if (roll < 14) {
            return "Content-Type: " + JSON;
        }
        if (roll == 14) {
            return "Content-Type: application/json; charset=UTF-8";
        }
        return roll == 15 ? null : "Content-Type: " + pick(CONTENT_TYPES_BAD);
    }

    /** Who enqueues: "ok" (a user with jobs-enqueue) or someone who may not. */
    private String enqueuer() {
        int roll = random.nextInt(20);
        return roll < 16 ? "ok" : pick(List.of("operator", "none", "wrong", "garbage"));
    }

    private String user(boolean admin) {
        int roll = random.nextInt(20);
        return roll < 17 ? (admin ? "admin" : "ok") : pick(List.of("producer", "none", "wrong", "garbage"));
    }

    private static Effect effect(String user, Effect ifAllowed) {
        return user.equals("ok") ? ifAllowed : Effect.MUST_BE_REFUSED;
    }

    private List<String> userHeader(String user) {
        String credentials = switch (user) {
            case "ok" -> random.nextBoolean() ? DEMO : PRODUCER;
            case "admin" -> random.nextBoolean() ? DEMO : OPERATOR;
            case "producer" -> PRODUCER;
            case "operator" -> OPERATOR;
            case "wrong" -> "demo:guess";
            case "garbage" -> null;
            default -> "";
        };
        if (credentials == null) {
            return List.of("Authorization: " + pick(List.of("Basic !!!", "Bearer x", "Basic "
                    + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)), "Basic")));
        }
        return credentials.isEmpty() ? List.of() : List.of("Authorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private RawHttp.Request request(String method, String target, String contentType, List<String> auth, byte[] body) {
        List<String> headers = new ArrayList<>(auth);
        if (contentType != null) {
            headers.add(contentType);
        }
        boolean chunked = body != null && random.nextInt(10) == 0;
        return new RawHttp.Request(method, target, headers, body, chunked);
    }

    private Hostile plain(String kind, String method, String target, String user, Effect effect) {
        boolean refused = !user.equals("admin") && !user.equals("ok");
        return new Hostile(kind, request(method, target, null, userHeader(user), null),
                refused ? Effect.MUST_BE_REFUSED : effect, null, List.of(), null);
    }

    private long anySentinel() {
        return sentinels.get(pick(List.of(JobState.values())));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
