package dev.eejobs.engine;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * Compares an argument as sent with the JSON it is stored as (read into the job's argument type
 * and written back). JSON-B narrows silently — 2.7 into an {@code int} field is 2, 99999999999
 * wraps, a number becomes the text of a string field — so a difference here means the job would
 * run with something other than what was sent, and the argument is refused instead.
 *
 * <p>What may differ: layout and key order; a property sent as null and left out; properties the
 * type adds with their default values. Everything sent must come back equal, numbers by value.
 */
final class JsonFidelity {

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonFidelity() {}

    /**
     * @param sent the argument as sent
     * @param stored the argument as it would be stored
     * @return null when every value sent is kept, else where and how it would change
     */
    static String difference(String sent, String stored) {
        if (sent.equals(stored)) {
            return null; // the common case: the client sent the canonical form
        }
        return difference("", read(sent), read(stored));
    }

    private static JsonValue read(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static String difference(String path, JsonValue sent, JsonValue stored) {
        if (sent.getValueType() == JsonValue.ValueType.NULL) {
            return stored == null || stored.getValueType() == JsonValue.ValueType.NULL ? null
                    : changed(path, sent, stored);
        }
        if (stored == null || stored.getValueType() != sent.getValueType()) {
            return changed(path, sent, stored);
        }
        switch (sent.getValueType()) {
            case OBJECT -> {
                JsonObject in = sent.asJsonObject();
                JsonObject out = stored.asJsonObject();
                for (Map.Entry<String, JsonValue> e : in.entrySet()) {
                    String inner = difference(path + "/" + e.getKey(), e.getValue(), out.get(e.getKey()));
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case ARRAY -> {
                JsonArray in = sent.asJsonArray();
                JsonArray out = stored.asJsonArray();
                if (in.size() != out.size()) {
                    return changed(path, sent, stored);
                }
                for (int i = 0; i < in.size(); i++) {
                    String inner = difference(path + "/" + i, in.get(i), out.get(i));
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case NUMBER -> {
                return ((JsonNumber) sent).bigDecimalValue().compareTo(((JsonNumber) stored).bigDecimalValue()) == 0
                        ? null : changed(path, sent, stored);
            }
            default -> {
                return sent.equals(stored) ? null : changed(path, sent, stored);
            }
        }
    }

    private static String changed(String path, JsonValue sent, JsonValue stored) {
        String where = path.isEmpty() ? "/" : path.length() > 80 ? path.substring(0, 80) + "…" : path;
        return "at " + where + ": " + shortText(sent) + " would be stored as "
                + (stored == null ? "nothing" : shortText(stored));
    }

    private static String shortText(JsonValue value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
