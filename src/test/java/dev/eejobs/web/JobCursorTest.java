package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobState;
import org.junit.jupiter.api.Test;

class JobCursorTest {

    private static final JobFilter DEAD_MAIL = new JobFilter(JobState.DEAD, "send-mail", "mail");

    @Test
    void a_cursor_reads_back_the_id_it_was_made_from() {
        assertThat(JobCursor.decode(JobCursor.encode(4711, DEAD_MAIL), DEAD_MAIL)).isEqualTo(4711);
    }

    @Test
    void a_cursor_is_opaque_url_safe_text() {
        assertThat(JobCursor.encode(Long.MAX_VALUE, DEAD_MAIL)).matches("[A-Za-z0-9_-]+").doesNotContain("4711");
    }

    @Test
    void a_cursor_replayed_with_other_filters_is_refused_naming_the_cursor() {
        String cursor = JobCursor.encode(10, DEAD_MAIL);
        assertThatThrownBy(() -> JobCursor.decode(cursor, new JobFilter(JobState.QUEUED, "send-mail", "mail")))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> {
                    assertThat(e.field()).isEqualTo("cursor");
                    assertThat(e.reason()).contains("other filters");
                });
    }

    @Test
    void garbage_is_refused_naming_the_cursor() {
        for (String garbage : new String[] {"abc", "!!!", "", "MS4tNS4w", "Mi4xLjA", "MS54LjA", "' OR 1=1 --"}) {
            assertThatThrownBy(() -> JobCursor.decode(garbage, DEAD_MAIL)).as(garbage)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }
}
