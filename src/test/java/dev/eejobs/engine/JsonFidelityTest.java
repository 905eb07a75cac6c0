package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFidelityTest {

    @Test
    void layout_key_order_nulls_left_out_and_added_defaults_are_no_difference() {
        assertThat(JsonFidelity.difference("{ \"b\": 1.50, \"a\": [1, {\"x\": null}] }",
                "{\"a\":[1,{}],\"b\":1.5,\"c\":0}")).isNull();
        assertThat(JsonFidelity.difference("\"x\"", "\"x\"")).isNull();
    }

    @Test
    void a_narrowed_number_a_changed_kind_or_a_dropped_value_is_a_difference_naming_where() {
        assertThat(JsonFidelity.difference("{\"lines\":2.7}", "{\"lines\":2}")).contains("/lines", "2.7", "2");
        assertThat(JsonFidelity.difference("{\"lines\":99999999999}", "{\"lines\":1215752191}")).contains("/lines");
        assertThat(JsonFidelity.difference("{\"id\":5}", "{\"id\":\"5\"}")).contains("/id");
        assertThat(JsonFidelity.difference("{\"a\":{\"deep\":[1,2]}}", "{\"a\":{}}")).contains("/a/deep");
        assertThat(JsonFidelity.difference("[1,2]", "[1]")).contains("at /:");
    }
}
