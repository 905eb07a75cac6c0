package dev.eejobs.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdsTest {

    /** A sequence as the migrations create it: increment {@link JobIds#BLOCK}, values handed out in order. */
    private static final class CountingSequence implements JobIds.Sequence {
        long value;
        int reads;
        final List<Integer> requested = new ArrayList<>();

        @Override
        public List<Long> next(int blocks) {
            reads++;
            requested.add(blocks);
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                value += JobIds.BLOCK;
                values.add(value);
            }
            return values;
        }
    }

    private final JobIds ids = new JobIds(null);
    private final CountingSequence sequence = new CountingSequence();

    @Test
    void a_sequence_value_stands_for_the_block_of_ids_ending_at_it() throws Exception {
        assertThat(ids.take(3, sequence)).containsExactly(1L, 2L, 3L);
        assertThat(ids.take(2, sequence)).containsExactly(4L, 5L);
        assertThat(sequence.reads).isEqualTo(1);
    }

    @Test
    void a_block_is_used_up_before_the_next_is_read() throws Exception {
        ids.take(98, sequence);
        assertThat(ids.take(4, sequence)).containsExactly(99L, 100L, 101L, 102L);
        assertThat(sequence.requested).containsExactly(1, 1);
    }

    @Test
    void a_big_request_reads_every_block_it_needs_in_one_go() throws Exception {
        ids.take(20, sequence);
        List<Long> big = ids.take(250, sequence);
        assertThat(big).hasSize(250).doesNotHaveDuplicates();
        assertThat(big.get(0)).isEqualTo(21L);
        assertThat(sequence.requested).containsExactly(1, 2); // 80 left in the first block, 170 from two more
        assertThat(ids.take(1, sequence)).containsExactly(271L); // the rest of the last block is next
    }

    @Test
    void ids_never_repeat_across_many_requests_of_any_size() throws Exception {
        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (int count : new int[] {1, 99, 100, 101, 1, 250, 7, 1000, 3}) {
            for (long id : ids.take(count, sequence)) {
                assertThat(seen.add(id)).as("id %d handed out twice", id).isTrue();
            }
            total += count;
        }
        assertThat(seen).hasSize(total);
        assertThat(sequence.value).isLessThan(total + 2L * JobIds.BLOCK); // at most one block left unused
    }
}
