package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void an_array_is_split_into_the_text_of_each_element_as_sent() {
        assertThat(JsonBodies.arrayElements(
                " [ {\"a\": 1, \"n\": {\"b\": [1, {\"c\": \"],[\"}]}} ,2,\"x, y\",[1, [2]] , null,true ]\n"))
                .containsExactly("{\"a\": 1, \"n\": {\"b\": [1, {\"c\": \"],[\"}]}}", "2", "\"x, y\"", "[1, [2]]",
                        "null", "true");
        assertThat(JsonBodies.arrayElements("[]")).isEmpty();
    }

    @Test
    void a_body_that_is_not_one_json_array_is_refused_naming_the_body() {
        for (String body : new String[] {"{\"a\":1}", "[1, 2", "[1] [2]", "[1,]", "", "  ", "nope"}) {
            assertThatThrownBy(() -> JsonBodies.arrayElements(body)).as(body)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("body"));
        }
    }
}
