package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.config.JobsConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentCodecTest {

    public record Order(String id, int lines) {}

    private final ArgumentCodec codec = new ArgumentCodec(
            new JobsConfig(key -> Optional.ofNullable(Map.of("jobs.max-payload", "100").get(key))));

    @Test
    void a_batch_read_in_one_pass_comes_out_as_each_argument_read_alone() {
        List<String> arguments = List.of("{\"lines\": 2, \"id\": \"a\"}", "{\"id\":\"b\",\"lines\":3}");
        assertThat(codec.normaliseAll(arguments, Order.class)).contains(
                arguments.stream().map(json -> codec.normalise(json, Order.class)).toList());
    }

    @Test
    void a_batch_with_an_argument_that_does_not_fit_is_left_to_the_argument_by_argument_check() {
        assertThat(codec.normaliseAll(List.of("{\"id\":\"a\",\"lines\":1}", "{\"id\":[1]}"), Order.class)).isEmpty();
        assertThat(codec.normaliseAll(List.of("{\"id\":\"a\",\"lines\":1}", "null"), Order.class)).isEmpty();
        assertThat(codec.normaliseAll(List.of("{\"id\":\"" + "x".repeat(200) + "\"}"), Order.class)).isEmpty();
    }

    @Test
    void a_property_the_argument_type_lacks_is_refused_not_dropped() {
        assertThatThrownBy(() -> codec.normalise("{\"id\":\"a\",\"lines\":1,\"extra\":true}", Order.class))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("argument"));
        assertThat(codec.normaliseAll(List.of("{\"id\":\"a\",\"lines\":1,\"extra\":true}"), Order.class)).isEmpty();
    }

    /** A node whose argument type lost a property still runs the jobs stored with it. */
    @Test
    void a_stored_argument_with_a_property_the_type_lacks_is_still_read() {
        assertThat(codec.read("{\"id\":\"a\",\"lines\":1,\"extra\":true}", Order.class)).isEqualTo(new Order("a", 1));
    }

    @Test
    void an_argument_that_does_not_fit_is_refused_without_naming_classes_or_parser_internals() {
        for (String json : List.of("{\"id\":[1]}", "{\"lines\":\"many\"}", "{\"lines\":1e300}", "[1,2]", "\"text\"",
                "{\"lines\":99999999999}", "{\"id\":")) {
            assertThatThrownBy(() -> codec.normalise(json, Order.class)).as(json)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> {
                        assertThat(e.field()).isEqualTo("argument");
                        assertThat(e.reason()).doesNotContain("Order", "dev.eejobs", "Exception", "java.");
                    });
        }
    }

    /** Joined into one array, an argument that is not one JSON value could change the batch. */
    @Test
    void an_argument_that_is_not_one_value_reads_as_it_would_alone() {
        List<String> tricky = List.of("{\"id\":\"a\",\"lines\":1}],[{\"id\":\"b\",\"lines\":2}");
        assertThat(codec.normaliseAll(tricky, Order.class))
                .contains(List.of(codec.normalise(tricky.get(0), Order.class)));
    }
}
