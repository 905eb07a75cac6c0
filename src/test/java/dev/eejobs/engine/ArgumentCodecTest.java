package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<String> arguments = List.of("{\"lines\": 2, \"id\": \"a\"}", "{\"id\":\"b\",\"lines\":3,\"extra\":true}");
        assertThat(codec.normaliseAll(arguments, Order.class)).contains(
                arguments.stream().map(json -> codec.normalise(json, Order.class)).toList());
    }

    @Test
    void a_batch_with_an_argument_that_does_not_fit_is_left_to_the_argument_by_argument_check() {
        assertThat(codec.normaliseAll(List.of("{\"id\":\"a\",\"lines\":1}", "{\"id\":[1]}"), Order.class)).isEmpty();
        assertThat(codec.normaliseAll(List.of("{\"id\":\"a\",\"lines\":1}", "null"), Order.class)).isEmpty();
        assertThat(codec.normaliseAll(List.of("{\"id\":\"" + "x".repeat(200) + "\"}"), Order.class)).isEmpty();
    }

    /** Joined into one array, an argument that is not one JSON value could change the batch. */
    @Test
    void an_argument_that_is_not_one_value_reads_as_it_would_alone() {
        List<String> tricky = List.of("{\"id\":\"a\",\"lines\":1}],[{\"id\":\"b\",\"lines\":2}");
        assertThat(codec.normaliseAll(tricky, Order.class))
                .contains(List.of(codec.normalise(tricky.get(0), Order.class)));
    }
}
