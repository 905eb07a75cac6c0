package dev.eejobs.observability;

import dev.eejobs.api.DurationText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The health and metrics settings with their defaults, read once; an invalid value stops the
 * deployment with a message naming the key. The README's configuration table lists them.
 */
@ApplicationScoped
class ObservabilitySettings {

    @Inject
    Config config;

    private Duration databaseTimeout;
    private Duration fetcherStall;
    private Duration restartOverdue;
    private Duration countsRefresh;

    ObservabilitySettings() {}

    /** For tests: settings read from any lookup. */
    ObservabilitySettings(Function<String, Optional<String>> source) {
        read(source);
    }

    @PostConstruct
    void read() {
        read(key -> config.getOptionalValue(key, String.class));
    }

    private void read(Function<String, Optional<String>> source) {
        List<String> problems = new ArrayList<>();
        databaseTimeout = duration(source, "jobs.health.database-timeout", "2s", problems);
        fetcherStall = duration(source, "jobs.health.fetcher-stall", "60s", problems);
        restartOverdue = duration(source, "jobs.health.restart-overdue", "30s", problems);
        countsRefresh = duration(source, "jobs.metrics.counts-refresh", "5s", problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid jobs configuration: " + String.join("; ", problems));
        }
    }

    /** @return {@code jobs.health.database-timeout}: readiness is DOWN when the database takes longer */
    Duration databaseTimeout() {
        return databaseTimeout;
    }

    /** @return {@code jobs.health.fetcher-stall}: liveness is DOWN when a fetcher has not finished a pass for this long */
    Duration fetcherStall() {
        return fetcherStall;
    }

    /** @return {@code jobs.health.restart-overdue}: liveness is DOWN when a dead loop's restart is this late */
    Duration restartOverdue() {
        return restartOverdue;
    }

    /** @return {@code jobs.metrics.counts-refresh}: how long counts read from the database are reused */
    Duration countsRefresh() {
        return countsRefresh;
    }

    private static Duration duration(Function<String, Optional<String>> source, String key, String fallback,
            List<String> problems) {
        String raw = source.apply(key).orElse(fallback);
        try {
            Duration d = DurationText.parse(key, raw.trim());
            if (d.toMillis() < 10) {
                problems.add(key + " = '" + raw + "': must be at least 10ms");
            }
            return d;
        } catch (RuntimeException e) {
            problems.add(key + " = '" + raw + "': " + e.getMessage());
            return DurationText.parse(key, fallback);
        }
    }
}
