package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Request bodies, checked in one streaming pass before anything is bound to a Java type: malformed
 * JSON and every breach of the limits below is a 400 naming the field, never a 500, and never an
 * argument that binding would silently change (a nesting the binder gives up on, a key given
 * twice, a number no Java type holds, a string no database stores).
 *
 * <ul>
 *   <li>an argument nests at most {@value #MAX_DEPTH} objects and arrays deep;
 *   <li>an object or array holds at most {@value #MAX_ENTRIES} entries, no key twice;
 *   <li>a number has at most {@value #MAX_NUMBER_CHARS} characters and an exponent within
 *       ±{@value #MAX_EXPONENT};
 *   <li>strings hold no unpaired UTF-16 surrogate (the databases' UTF-8 cannot store one).
 * </ul>
 */
final class JsonBodies {

    static final int MAX_DEPTH = 32;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_EXPONENT = 400;

    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonBodies() {}

    /**
     * Checks the body of a single enqueue: one JSON value, the job's argument.
     *
     * @return the body as sent
     * @throws InvalidJobException naming {@code argument}
     */
    static String argument(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("argument", "is missing; send the job's argument as JSON");
        }
        new Walk(body, 0, "argument").run((index, key) -> "argument");
        return body;
    }

    /**
     * Splits the body of a batch enqueue, a JSON array of arguments, into each element's JSON
     * text as sent, checking each against the limits.
     *
     * @param maxElements the most arguments one batch may hold
     * @return each element's JSON text
     * @throws InvalidJobException naming {@code body} or {@code arguments[i]}
     */
    static List<String> arrayElements(String body, int maxElements) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("body", "is missing; send a JSON array of job arguments");
        }
        List<String> elements = new ArrayList<>();
        Walk walk = new Walk(body, 1, "body") {
            @Override
            void opened(JsonParser.Event root) {
                if (root != JsonParser.Event.START_ARRAY) {
                    throw new InvalidJobException("body", "must be a JSON array of job arguments");
                }
            }

            @Override
            void elementStarts(int index) {
                if (index >= maxElements) {
                    throw new InvalidJobException("body", "must hold 1 to " + maxElements + " arguments, held more than "
                            + maxElements);
                }
            }

            @Override
            void elementEnds(int from, int to) {
                elements.add(trimElement(body, from, to));
            }
        };
        walk.run((index, key) -> "arguments[" + index + "]");
        return elements;
    }

    /**
     * Reads the body of a schedule declaration, a JSON object, after checking it: a breach inside
     * a top-level property names that property (usually {@code argument}).
     *
     * @throws InvalidJobException naming {@code body} or the property at fault
     */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("body", "is missing; send a JSON object");
        }
        new Walk(body, 1, "body") {
            @Override
            void opened(JsonParser.Event root) {
                if (root != JsonParser.Event.START_OBJECT) {
                    throw new InvalidJobException("body", "must be a JSON object");
                }
            }
        }.run((index, key) -> key == null || !key.matches("[A-Za-z0-9_.-]{1,60}") ? "body" : key);
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidJobException("body", "is not valid JSON" + position(e));
        }
    }

    /** Names the field a breach inside the top-level element (batch) or property (schedule) concerns. */
    private interface FieldOf {
        String of(int index, String key);
    }

    /** One open object or array. */
    private static final class Frame {
        final boolean object;
        int entries;
        Set<String> keys;

        Frame(boolean object) {
            this.object = object;
        }
    }

    /**
     * One streaming pass over a body. {@code rootLevels} is 0 when the body is the argument itself,
     * 1 when it encloses the values the limits apply to (the batch's array, the schedule's object).
     */
    private static class Walk {
        private final String body;
        private final int rootLevels;
        private final String bodyField;
        private final Deque<Frame> open = new ArrayDeque<>();
        private int index = -1;
        private String key;
        private int elementStart;

        Walk(String body, int rootLevels, String bodyField) {
            this.body = body;
            this.rootLevels = rootLevels;
            this.bodyField = bodyField;
        }

        void opened(JsonParser.Event root) {}

        void elementStarts(int index) {}

        void elementEnds(int from, int to) {}

        void run(FieldOf fieldOf) {
            try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
                JsonParser.Event event = parser.next();
                opened(event);
                while (true) {
                    step(parser, event, fieldOf);
                    if (open.isEmpty()) {
                        if (parser.hasNext()) {
                            parser.next(); // anything after the value is malformed: let the parser say so
                        }
                        return;
                    }
                    event = parser.next();
                }
            } catch (JsonException | IllegalStateException | NoSuchElementException | IndexOutOfBoundsException e) {
                // an offset past the end means the body was cut short
                throw new InvalidJobException(bodyField, "is not valid JSON" + position(e));
            }
        }

        private void step(JsonParser parser, JsonParser.Event event, FieldOf fieldOf) {
            int level = open.size();
            boolean value = event != JsonParser.Event.END_ARRAY && event != JsonParser.Event.END_OBJECT
                    && event != JsonParser.Event.KEY_NAME;
            if (value && level == rootLevels && rootLevels > 0) {
                elementStarts(++index);
            }
            if (event == JsonParser.Event.KEY_NAME && level == rootLevels && rootLevels > 0) {
                key = parser.getString();
            }
            String field = level < rootLevels ? bodyField : fieldOf.of(index, key);
            if (value && level > 0 && !open.peek().object) {
                count(open.peek(), field);
            }
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (level - rootLevels + 1 > MAX_DEPTH) {
                        throw new InvalidJobException(field, "nests deeper than " + MAX_DEPTH + " objects and arrays");
                    }
                    open.push(new Frame(event == JsonParser.Event.START_OBJECT));
                    if (level == 0) {
                        elementStart = (int) parser.getLocation().getStreamOffset();
                    }
                }
                case END_OBJECT, END_ARRAY -> open.pop();
                case KEY_NAME -> {
                    Frame frame = open.peek();
                    count(frame, field);
                    String name = parser.getString();
                    checkText(name, field);
                    if (frame.keys == null) {
                        frame.keys = new HashSet<>();
                    }
                    if (!frame.keys.add(name)) {
                        throw new InvalidJobException(field, "has the property " + ApiProblem.quoted(name) + " twice");
                    }
                }
                case VALUE_STRING -> checkText(parser.getString(), field);
                case VALUE_NUMBER -> checkNumber(parser.getString(), field);
                default -> { }
            }
            boolean scalar = value && event != JsonParser.Event.START_ARRAY && event != JsonParser.Event.START_OBJECT;
            boolean closed = event == JsonParser.Event.END_ARRAY || event == JsonParser.Event.END_OBJECT;
            if (rootLevels > 0 && open.size() == rootLevels && (scalar && level == rootLevels || closed)) {
                int end = (int) parser.getLocation().getStreamOffset();
                elementEnds(elementStart, end);
                elementStart = end;
            }
        }
    }

    private static void count(Frame frame, String field) {
        if (++frame.entries > MAX_ENTRIES) {
            throw new InvalidJobException(field, "holds an " + (frame.object ? "object" : "array") + " of more than "
                    + MAX_ENTRIES + " entries");
        }
    }

    private static void checkNumber(String number, String field) {
        if (number.length() > MAX_NUMBER_CHARS) {
            throw new InvalidJobException(field, "holds a number of more than " + MAX_NUMBER_CHARS + " characters");
        }
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e >= 0) {
            String exponent = number.substring(e + 1).replace("+", "");
            String digits = exponent.replace("-", "");
            if (digits.length() > 4 || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
                throw new InvalidJobException(field, "holds a number with an exponent beyond ±" + MAX_EXPONENT);
            }
        }
    }

    private static void checkText(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidJobException(field, "holds a string with an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + "), which no database stores");
            }
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
        if (e instanceof JsonParsingException p && p.getLocation() != null) {
            return " (line " + p.getLocation().getLineNumber() + ", column " + p.getLocation().getColumnNumber() + ")";
        }
        return "";
    }
}
