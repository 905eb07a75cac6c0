package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/** Request bodies read with JSON-P, so malformed JSON is a 400 naming the body, never a 500. */
final class JsonBodies {

    private JsonBodies() {}

    static JsonValue parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("body", "is missing; send a JSON value");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidJobException("body", "is not valid JSON" + position(e));
        }
    }

    static JsonObject object(String body) {
        JsonValue value = parse(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidJobException("body", "must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** @return each element of a JSON array as JSON text */
    static List<String> arrayElements(String body) {
        JsonValue value = parse(body);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidJobException("body", "must be a JSON array of job arguments");
        }
        return value.asJsonArray().stream().map(JsonValue::toString).toList();
    }

    private static String position(RuntimeException e) {
        if (e instanceof jakarta.json.stream.JsonParsingException p && p.getLocation() != null) {
            return " (line " + p.getLocation().getLineNumber() + ", column " + p.getLocation().getColumnNumber() + ")";
        }
        return "";
    }
}
