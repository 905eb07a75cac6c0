package dev.eejobs.web;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.ScheduleSpec;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;

/**
 * A recurring schedule as the API shows it.
 *
 * @param name the schedule's name
 * @param type the job type it fires
 * @param every the interval, or null for a cron schedule
 * @param cron the cron expression, or null
 * @param zone the cron's time zone, or null
 * @param nextFireAt the next tick, ISO-8601
 * @param argument the argument every fired job gets; null if the stored text is not JSON
 * @param paused whether it is paused (fires nothing until resumed)
 * @param overlap {@code skip} or {@code allow}
 * @param lastJobId the id of the job it fired last, or null
 * @param lastFiredAt when it fired last, ISO-8601, or null
 */
public record ScheduleView(String name, String type, String every, String cron, String zone, String nextFireAt,
        JsonValue argument, boolean paused, String overlap, String lastJobId, String lastFiredAt) {

    static ScheduleView of(ScheduleSpec spec) {
        return new ScheduleView(spec.name(), spec.type(),
                spec.cron() == null ? DurationText.format(Duration.ofMillis(spec.intervalMillis())) : null,
                spec.cron(), spec.zone(), String.valueOf(spec.nextFireAt()), argument(spec.argumentJson()),
                spec.paused(), spec.overlap().text(), spec.lastJobId() == null ? null : spec.lastJobId().toString(),
                spec.lastFiredAt() == null ? null : spec.lastFiredAt().toString());
    }

    /** A listing must survive any stored row, even one whose argument was edited into something unreadable. */
    private static JsonValue argument(String json) {
        if (json == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
