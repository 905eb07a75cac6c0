package dev.eejobs.web;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.ScheduleOverlap;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * The body of {@code PUT /api/schedules/{name}}:
 * {@code {"type": "greet", "every": "30s", "argument": {...}}} or
 * {@code {"type": "greet", "cron": "0 3 * * MON-FRI", "zone": "Europe/Berlin", "argument": {...}}}.
 *
 * @param type the job type to fire
 * @param every the interval, or null for a cron schedule
 * @param cron the cron expression, or null for an interval schedule
 * @param zone the cron's time zone (UTC when not given)
 * @param argumentJson the argument of every fired job, as JSON
 * @param overlap {@code "skip"} (default) or {@code "allow"}: what a tick does while the previous
 *     tick's job has not finished
 */
record ScheduleRequest(String type, Duration every, String cron, ZoneId zone, String argumentJson,
        ScheduleOverlap overlap) {

    private static final Set<String> FIELDS = Set.of("type", "every", "cron", "zone", "argument", "overlap");

    static ScheduleRequest parse(String body) {
        JsonObject json = JsonBodies.object(body);
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                // the key is the client's text: named as the field only when it reads as a name
                throw new InvalidJobException(key.matches("[A-Za-z0-9_.-]{1,60}") ? key : "body",
                        "is not a schedule field; known: type, every, cron, zone, argument, overlap");
            }
        }
        String type = text(json, "type");
        if (type == null) {
            throw ApiProblem.badRequest("type", "is missing");
        }
        String every = text(json, "every");
        String cron = text(json, "cron");
        if ((every == null) == (cron == null)) {
            throw new InvalidJobException("every", "give exactly one of every (e.g. 30s) and cron");
        }
        String zone = text(json, "zone");
        if (zone != null && cron == null) {
            throw new InvalidJobException("zone", "applies to cron schedules only");
        }
        JsonValue argument = json.get("argument");
        if (argument == null || argument.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidJobException("argument", "is missing");
        }
        return new ScheduleRequest(type, every == null ? null : DurationText.parse("every", every), cron,
                cron == null ? null : zone(zone), argument.toString(),
                json.containsKey("overlap") ? ScheduleOverlap.parse("overlap", text(json, "overlap"))
                        : ScheduleOverlap.SKIP);
    }

    private static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidJobException(field, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static ZoneId zone(String text) {
        if (text == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidJobException("zone", "is not a time zone such as Europe/Berlin or UTC, was "
                    + ApiProblem.quoted(text));
        }
    }
}
