package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentTypesTest {

    record Order(String id, int lines) {}

    static class Bean {
        public String name;
    }

    static class NoDefaultConstructor {
        NoDefaultConstructor(String x) {}
    }

    interface Shape {}

    class Inner {}

    static class OrderJob implements Job<Order> {
        @Override
        public void run(Order argument, JobContext context) {}
    }

    abstract static class Base<T> implements Job<T> {}

    static class ListJob extends Base<List<Order>> {
        @Override
        public void run(List<Order> argument, JobContext context) {}
    }

    @Test
    void the_argument_type_is_found_through_the_class_hierarchy() {
        assertThat(ArgumentTypes.of(OrderJob.class)).contains(Order.class);
        assertThat(ArgumentTypes.of(ListJob.class)).isEmpty(); // declared as a type variable on Base
    }

    @Test
    void records_beans_strings_numbers_and_collections_round_trip() {
        for (Class<?> ok : new Class<?>[] {Order.class, Bean.class, String.class, Long.class, List.class, Map.class}) {
            assertThat(ArgumentTypes.problem(ok)).as(ok.getName()).isEmpty();
        }
    }

    @Test
    void types_json_b_cannot_create_are_refused_with_the_reason() {
        assertThat(ArgumentTypes.problem(Shape.class)).hasValueSatisfying(p -> assertThat(p).contains("abstract"));
        assertThat(ArgumentTypes.problem(Inner.class)).hasValueSatisfying(p -> assertThat(p).contains("inner class"));
        assertThat(ArgumentTypes.problem(NoDefaultConstructor.class))
                .hasValueSatisfying(p -> assertThat(p).contains("no-argument constructor"));
    }
}
