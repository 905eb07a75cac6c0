package dev.eejobs.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.store.NodeRegistry.QueueLoad;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueLoadsTest {

    @Test
    void queues_round_trip_through_the_column() {
        List<QueueLoad> queues = List.of(new QueueLoad("default", 4, 1), new QueueLoad("mail.v2_x-y", 2, 0));
        String text = QueueLoads.format(queues, 4000);
        assertThat(text).isEqualTo("default=4/1,mail.v2_x-y=2/0");
        assertThat(QueueLoads.parse(text)).isEqualTo(queues);
    }

    @Test
    void a_long_list_keeps_the_queues_that_fit_and_a_damaged_part_is_skipped() {
        assertThat(QueueLoads.format(List.of(new QueueLoad("a", 1, 0), new QueueLoad("b", 1, 0)), 8)).isEqualTo("a=1/0");
        assertThat(QueueLoads.parse("a=1/0,broken,b=x/1,c=2/2")).containsExactly(new QueueLoad("a", 1, 0),
                new QueueLoad("c", 2, 2));
        assertThat(QueueLoads.parse(null)).isEmpty();
    }
}
