package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static void assertRefused(Runnable read, String field, String reason) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidJobException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void an_array_is_split_into_the_text_of_each_element_as_sent() {
        assertThat(JsonBodies.arrayElements(
                " [ {\"a\": 1, \"n\": {\"b\": [1, {\"c\": \"],[\"}]}} ,2,\"x, y\",[1, [2]] , null,true ]\n", 10))
                .containsExactly("{\"a\": 1, \"n\": {\"b\": [1, {\"c\": \"],[\"}]}}", "2", "\"x, y\"", "[1, [2]]",
                        "null", "true");
        assertThat(JsonBodies.arrayElements("[]", 10)).isEmpty();
    }

    @Test
    void a_body_that_is_not_one_json_array_is_refused_naming_the_body() {
        for (String body : new String[] {"{\"a\":1}", "[1, 2", "[1] [2]", "[1,]", "", "  ", "nope", "1"}) {
            assertThatThrownBy(() -> JsonBodies.arrayElements(body, 10)).as(body)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("body"));
        }
    }

    @Test
    void a_batch_over_its_size_is_refused_before_the_rest_is_read() {
        assertThat(JsonBodies.arrayElements("[1,2,3]", 3)).hasSize(3);
        assertRefused(() -> JsonBodies.arrayElements("[1,2,3,4,", 3), "body", "more than 3");
    }

    @Test
    void an_argument_nests_at_most_the_limit_deep_and_a_deeper_one_is_refused_naming_it() {
        assertThat(JsonBodies.argument(nested(JsonBodies.MAX_DEPTH))).isEqualTo(nested(JsonBodies.MAX_DEPTH));
        assertRefused(() -> JsonBodies.argument(nested(JsonBodies.MAX_DEPTH + 1)), "argument", "deeper than 32");
        assertRefused(() -> JsonBodies.argument("[".repeat(10_000) + "]".repeat(10_000)), "argument", "deeper");

        String batch = "[" + nested(JsonBodies.MAX_DEPTH) + "," + nested(JsonBodies.MAX_DEPTH + 1) + "]";
        assertRefused(() -> JsonBodies.arrayElements(batch, 10), "arguments[1]", "deeper than 32");

        String schedule = "{\"type\":\"greet\",\"argument\":" + nested(JsonBodies.MAX_DEPTH + 1) + "}";
        assertRefused(() -> JsonBodies.object(schedule), "argument", "deeper than 32");
        assertThat(JsonBodies.object("{\"argument\":" + nested(JsonBodies.MAX_DEPTH) + "}").keySet())
                .containsExactly("argument");
    }

    @Test
    void objects_and_arrays_hold_at_most_the_entry_limit() {
        String full = "[" + "0,".repeat(JsonBodies.MAX_ENTRIES - 1) + "0]";
        assertThat(JsonBodies.argument(full)).isEqualTo(full);
        assertRefused(() -> JsonBodies.argument("[" + "0,".repeat(JsonBodies.MAX_ENTRIES) + "0]"), "argument",
                "more than 10000 entries");
        StringBuilder members = new StringBuilder("{");
        for (int i = 0; i <= JsonBodies.MAX_ENTRIES; i++) {
            members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        assertRefused(() -> JsonBodies.argument(members + "}"), "argument", "object of more than");
    }

    @Test
    void a_key_given_twice_is_refused_rather_than_one_of_them_kept() {
        assertRefused(() -> JsonBodies.argument("{\"key\":\"a\",\"key\":\"b\"}"), "argument", "'key' twice");
        assertRefused(() -> JsonBodies.arrayElements("[{\"a\":{\"k\":1,\"k\":2}}]", 10), "arguments[0]", "twice");
        assertRefused(() -> JsonBodies.object("{\"type\":\"x\",\"type\":\"y\"}"), "type", "twice");
        assertThat(JsonBodies.argument("[{\"k\":1},{\"k\":2}]")).isNotEmpty();
    }

    @Test
    void numbers_no_java_type_holds_and_unpaired_surrogates_are_refused() {
        assertRefused(() -> JsonBodies.argument("{\"n\":1e999999999}"), "argument", "exponent");
        assertRefused(() -> JsonBodies.argument("{\"n\":" + "9".repeat(101) + "}"), "argument", "number of more than");
        assertThat(JsonBodies.argument("{\"n\":-1.5E+300}")).isNotEmpty();
        assertRefused(() -> JsonBodies.argument("{\"s\":\"\\ud800x\"}"), "argument", "surrogate");
        assertRefused(() -> JsonBodies.argument("{\"\\udc00\":1}"), "argument", "surrogate");
        assertThat(JsonBodies.argument("{\"s\":\"\\ud83d\\ude00 \\u0000\"}")).isNotEmpty();
    }

    @Test
    void malformed_bodies_are_refused_naming_the_field_of_each_form() {
        for (String body : new String[] {"{\"key\":", "hello", "{} {}", "[1,]"}) {
            assertRefused(() -> JsonBodies.argument(body), "argument", "not valid JSON");
        }
        assertRefused(() -> JsonBodies.argument(" "), "argument", "missing");
        assertRefused(() -> JsonBodies.object("[1]"), "body", "JSON object");
        assertRefused(() -> JsonBodies.object("{\"type\":"), "body", "not valid JSON");
    }
}
