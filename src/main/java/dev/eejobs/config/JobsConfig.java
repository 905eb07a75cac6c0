package dev.eejobs.config;

import dev.eejobs.api.Backoff;
import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every {@code jobs.*} setting with its default, read once and validated: a bad value stops the
 * deployment with a message naming the key. The README's configuration table mirrors this class.
 */
public final class JobsConfig {

    private static final Duration TEN_MS = Duration.ofMillis(10);
    private static final Pattern API_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private final Function<String, Optional<String>> source;
    private final List<String> problems = new ArrayList<>();

    private final boolean enabled;
    private final String defaultQueue;
    private final int maxRetries;
    private final Backoff backoff;
    private final Duration heartbeat;
    private final Duration leaseClockSkew;
    private final int workers;
    private final double prefetchFactor;
    private final List<String> queues;
    private final Duration pollInterval;
    private final Duration shutdownGrace;
    private final Duration succeededRetention;
    private final int pruneBatch;
    private final Duration housekeepingInterval;
    private final int maxPayloadBytes;
    private final boolean migrate;
    private final Duration workerRestartDelay;
    private final String datasource;
    private final String executor;
    private final int executorMaxThreads;
    private final Duration healthDatabaseTimeout;
    private final Duration healthFetcherStall;
    private final Duration healthRestartOverdue;
    private final Duration metricsCountsRefresh;
    private final boolean httpEnabled;
    private final String httpPath;
    private final int httpMaxBodyBytes;
    private final String httpErrorDetail;
    private final Duration timeout;
    private final boolean uiEnabled;
    private final String uiPath;

    /**
     * @param source looks a key up, e.g. MicroProfile Config's {@code getOptionalValue}
     * @throws IllegalStateException listing every invalid key
     */
    public JobsConfig(Function<String, Optional<String>> source) {
        this.source = source;
        enabled = bool("jobs.enabled", true);
        defaultQueue = read("jobs.queue", "default", v -> JobOptions.validQueue("jobs.queue", v), "default");
        maxRetries = read("jobs.max-retries", "5", JobsConfig::retries, 5);
        backoff = read("jobs.backoff", "exponential(2)", Backoff::parse, Backoff.exponential(2));
        heartbeat = read("jobs.heartbeat", "5s",
                v -> JobOptions.validHeartbeat("jobs.heartbeat", DurationText.parse("jobs.heartbeat", v)),
                Duration.ofSeconds(5));
        timeout = read("jobs.timeout", "none", v -> v.equalsIgnoreCase("none") ? null
                : JobOptions.validTimeout("jobs.timeout", DurationText.parse("jobs.timeout", v)), null);
        Duration skewCap = heartbeat.multipliedBy(2);
        Duration skewDefault = skewCap.compareTo(Duration.ofSeconds(1)) < 0 ? skewCap : Duration.ofSeconds(1);
        leaseClockSkew = read("jobs.lease.clock-skew", DurationText.format(skewDefault), v -> {
            Duration d = DurationText.parse("jobs.lease.clock-skew", v);
            if (d.compareTo(skewCap) > 0) {
                throw new IllegalArgumentException("must be at most 2 x jobs.heartbeat (" + DurationText.format(skewCap)
                        + "): a node stops an attempt this long plus one heartbeat before its lease (5 heartbeats)"
                        + " can expire, and needs two heartbeats to renew it in");
            }
            return d;
        }, skewDefault);
        workers = count("jobs.workers", 4, 1, 1024);
        prefetchFactor = read("jobs.prefetch-factor", "4", v -> {
            double f = Double.parseDouble(v);
            if (!(f >= 0 && f <= 16)) {
                throw new IllegalArgumentException("must be between 0 and 16");
            }
            return f;
        }, 4.0);
        queues = read("jobs.queues", "", JobsConfig::queueList, List.of());
        pollInterval = duration("jobs.poll-interval", "1s", Duration.ofMillis(10));
        shutdownGrace = duration("jobs.shutdown-grace", "30s", Duration.ZERO);
        succeededRetention = duration("jobs.retention.succeeded", "7d", Duration.ZERO);
        pruneBatch = count("jobs.prune-batch", 500, 1, 100_000);
        housekeepingInterval = duration("jobs.housekeeping-interval", "1s", Duration.ofMillis(10));
        maxPayloadBytes = count("jobs.max-payload", 65_536, 2, 16 * 1024 * 1024);
        migrate = bool("jobs.migrate", true);
        workerRestartDelay = duration("jobs.worker-restart-delay", "1s", Duration.ZERO);
        datasource = jndiName("jobs.datasource", "java:comp/DefaultDataSource");
        executor = jndiName("jobs.executor", "java:comp/DefaultManagedExecutorService");
        executorMaxThreads = count("jobs.executor.max-threads", 200, 1, 100_000);
        healthDatabaseTimeout = duration("jobs.health.database-timeout", "2s", TEN_MS);
        healthFetcherStall = duration("jobs.health.fetcher-stall", "60s", TEN_MS);
        healthRestartOverdue = duration("jobs.health.restart-overdue", "30s", TEN_MS);
        metricsCountsRefresh = duration("jobs.metrics.counts-refresh", "5s", TEN_MS);
        httpEnabled = bool("jobs.http.enabled", true);
        httpPath = read("jobs.http.path", "/jobs-api", JobsConfig::apiPath, "/jobs-api");
        httpMaxBodyBytes = count("jobs.http.max-body", 65_536, 2, 16 * 1024 * 1024);
        httpErrorDetail = read("jobs.http.error-detail", "excerpt", JobsConfig::errorDetail, "excerpt");
        uiEnabled = bool("jobs.ui.enabled", true);
        uiPath = read("jobs.ui.path", "/jobs-ui", JobsConfig::uiPath, "/jobs-ui");
        for (String queue : queues) {
            workersFor(queue);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid jobs configuration: " + String.join("; ", problems));
        }
    }

    /** @return {@code jobs.enabled}: whether this node runs workers (false: enqueue only) */
    public boolean enabled() {
        return enabled;
    }

    /** @return {@code jobs.queue}: the queue of job types that name none */
    public String defaultQueue() {
        return defaultQueue;
    }

    /** @return {@code jobs.max-retries}: retries after the first attempt, -1 for unlimited */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return {@code jobs.backoff} */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * @return {@code jobs.timeout}: how long one attempt of a job type without its own timeout
     *     may run, or null ({@code none}, the default) for no limit
     */
    public Duration timeout() {
        return timeout;
    }

    /** @return {@code jobs.heartbeat}: lease renewal interval; leases expire after 5 of them */
    public Duration heartbeat() {
        return heartbeat;
    }

    /**
     * @return {@code jobs.lease.clock-skew}: how far the database's clock may run ahead of a node's
     *     monotonic clock during one lease; a node stops an attempt it cannot renew one heartbeat
     *     plus this before the lease can expire in the database
     */
    public Duration leaseClockSkew() {
        return leaseClockSkew;
    }

    /** @return {@code jobs.queues}: queues this node works; empty means every queue of its job types */
    public List<String> queues() {
        return queues;
    }

    /**
     * @param queue a queue name
     * @return {@code jobs.queue.<name>.workers}, else {@code jobs.workers}
     */
    public int workersFor(String queue) {
        return count("jobs.queue." + queue + ".workers", workers, 0, 1024);
    }

    /**
     * @param queue a queue name
     * @return how many claimed jobs may at most wait for a worker, {@code jobs.prefetch-factor} ×
     *     workers rounded up: with busy workers the next claim already brings their next jobs (the
     *     engine uses less of it while jobs run long)
     */
    public int prefetchFor(String queue) {
        return (int) Math.ceil(workersFor(queue) * prefetchFactor);
    }

    /** @return {@code jobs.poll-interval}: longest wait between claims when no wake-up arrives */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return {@code jobs.shutdown-grace}: how long shutdown lets running jobs finish */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** @return {@code jobs.retention.succeeded}: how long SUCCEEDED jobs are kept; 0 deletes at once */
    public Duration succeededRetention() {
        return succeededRetention;
    }

    /** @return {@code jobs.prune-batch}: rows deleted per pruning transaction */
    public int pruneBatch() {
        return pruneBatch;
    }

    /** @return {@code jobs.housekeeping-interval}: period of the reaper, scheduler and pruner */
    public Duration housekeepingInterval() {
        return housekeepingInterval;
    }

    /** @return {@code jobs.max-payload}: largest accepted argument, in bytes of JSON */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** @return {@code jobs.migrate}: whether startup applies the schema migrations */
    public boolean migrate() {
        return migrate;
    }

    /** @return {@code jobs.worker-restart-delay}: pause before a dead worker loop is restarted */
    public Duration workerRestartDelay() {
        return workerRestartDelay;
    }

    /** @return {@code jobs.datasource}: JNDI name of the DataSource holding the jobs */
    public String datasource() {
        return datasource;
    }

    /** @return {@code jobs.executor}: JNDI name of the ManagedExecutorService the engine runs on */
    public String executor() {
        return executor;
    }

    /**
     * @return {@code jobs.executor.max-threads}: how many threads the executor named by
     *     {@code jobs.executor} can run at once (200 for Payara's default one); the engine refuses to
     *     start with more workers than that
     */
    public int executorMaxThreads() {
        return executorMaxThreads;
    }

    /** @return {@code jobs.health.database-timeout}: readiness is DOWN when the database takes longer */
    public Duration healthDatabaseTimeout() {
        return healthDatabaseTimeout;
    }

    /** @return {@code jobs.health.fetcher-stall}: liveness is DOWN when a fetcher has not finished a pass for this long */
    public Duration healthFetcherStall() {
        return healthFetcherStall;
    }

    /** @return {@code jobs.health.restart-overdue}: liveness is DOWN when a dead loop's restart is this late */
    public Duration healthRestartOverdue() {
        return healthRestartOverdue;
    }

    /** @return {@code jobs.metrics.counts-refresh}: how long counts read from the database are reused */
    public Duration metricsCountsRefresh() {
        return metricsCountsRefresh;
    }

    /** @return {@code jobs.http.enabled}: whether the module serves its HTTP API */
    public boolean httpEnabled() {
        return httpEnabled;
    }

    /** @return {@code jobs.http.path}: where the application maps the API, for what is built before it starts */
    public String httpPath() {
        return httpPath;
    }

    /** @return {@code jobs.http.max-body}: the largest request body the API accepts, in bytes */
    public int httpMaxBodyBytes() {
        return httpMaxBodyBytes;
    }

    /** @return {@code jobs.http.error-detail}: {@code none}, {@code message} or {@code excerpt} */
    public String httpErrorDetail() {
        return httpErrorDetail;
    }

    /** @return {@code jobs.ui.enabled}: whether the module serves its dashboard */
    public boolean uiEnabled() {
        return uiEnabled;
    }

    /** @return {@code jobs.ui.path}: where the dashboard is served within the application, e.g. {@code /jobs-ui} */
    public String uiPath() {
        return uiPath;
    }

    private String jndiName(String key, String fallback) {
        return read(key, fallback, v -> {
            if (v.isEmpty() || v.length() > 300 || v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("must be a JNDI name such as " + fallback);
            }
            return v;
        }, fallback);
    }

    private <T> T read(String key, String fallback, Function<String, T> parse, T onError) {
        String raw = source.apply(key).orElse(fallback);
        try {
            return parse.apply(raw.trim());
        } catch (RuntimeException e) {
            String reason = e instanceof InvalidJobException i ? i.reason() : e.getMessage();
            problems.add(key + " = '" + raw + "': " + reason);
            return onError;
        }
    }

    private boolean bool(String key, boolean fallback) {
        return read(key, Boolean.toString(fallback), v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            return Boolean.parseBoolean(v);
        }, fallback);
    }

    private int count(String key, int fallback, int min, int max) {
        return read(key, Integer.toString(fallback), v -> {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        }, fallback);
    }

    private Duration duration(String key, String fallback, Duration min) {
        return read(key, fallback, v -> {
            Duration d = DurationText.parse(key, v);
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + DurationText.format(min));
            }
            return d;
        }, DurationText.parse(key, fallback));
    }

    private static int retries(String v) {
        if (v.equalsIgnoreCase("unlimited")) {
            return JobOptions.UNLIMITED;
        }
        try {
            return JobOptions.validRetries("jobs.max-retries", Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number >= 0 or 'unlimited'");
        }
    }

    private static String apiPath(String v) {
        String path = v.endsWith("/") && v.length() > 1 ? v.substring(0, v.length() - 1) : v;
        if (path.length() > 200 || !API_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("must be a path such as /jobs-api");
        }
        return path;
    }

    private static String uiPath(String v) {
        try {
            return apiPath(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a path such as /jobs-ui");
        }
    }

    private static String errorDetail(String v) {
        String level = v.toLowerCase(Locale.ROOT);
        if (!List.of("none", "message", "excerpt").contains(level)) {
            throw new IllegalArgumentException("must be none, message or excerpt");
        }
        return level;
    }

    private static List<String> queueList(String v) {
        if (v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim)
                .map(q -> JobOptions.validQueue("jobs.queues", q)).distinct().toList();
    }
}
