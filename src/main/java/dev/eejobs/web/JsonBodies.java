package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

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

    /**
     * Splits a JSON array into its elements' JSON text with the streaming parser: the text of each
     * element is cut from the body as sent, with no object model built and written back.
     *
     * @return each element of a JSON array as JSON text
     */
    static List<String> arrayElements(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("body", "is missing; send a JSON value");
        }
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                throw new InvalidJobException("body", "must be a JSON array of job arguments");
            }
            long elementStart = parser.getLocation().getStreamOffset();
            int depth = 0;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_ARRAY, START_OBJECT -> depth++;
                    case END_ARRAY, END_OBJECT -> depth--;
                    default -> { }
                }
                if (depth < 0) { // the array's own end
                    if (parser.hasNext()) {
                        parser.next(); // anything after the array is malformed: let the parser say so
                    }
                    return elements;
                }
                if (depth == 0 && event != JsonParser.Event.KEY_NAME) {
                    long end = parser.getLocation().getStreamOffset();
                    elements.add(trimElement(body, (int) elementStart, (int) end));
                    elementStart = end;
                }
            }
            return elements;
        } catch (JsonException | IllegalStateException | NoSuchElementException | IndexOutOfBoundsException e) {
            // an offset past the end means the body was cut short
            throw new InvalidJobException("body", "is not valid JSON" + position(e));
        }
    }

    /** The element's text between two parser offsets: without the separating comma and blanks. */
    private static String trimElement(String body, int from, int to) {
        int start = from;
        while (start < to && (body.charAt(start) == ',' || Character.isWhitespace(body.charAt(start)))) {
            start++;
        }
        return body.substring(start, to).strip();
    }

    private static String position(RuntimeException e) {
        if (e instanceof jakarta.json.stream.JsonParsingException p && p.getLocation() != null) {
            return " (line " + p.getLocation().getLineNumber() + ", column " + p.getLocation().getColumnNumber() + ")";
        }
        return "";
    }
}
