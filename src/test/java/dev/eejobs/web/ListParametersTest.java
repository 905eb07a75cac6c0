package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobState;
import org.junit.jupiter.api.Test;

class ListParametersTest {

    @Test
    void without_parameters_the_first_page_holds_the_default_number_of_jobs() {
        ListParameters query = ListParameters.of(null, null, null, null, null);
        assertThat(query.limit()).isEqualTo(ListParameters.DEFAULT_LIMIT);
        assertThat(query.beforeId()).isNull();
        assertThat(query.filter().state()).isNull();
    }

    @Test
    void status_is_read_in_any_case_and_the_cursor_with_the_same_filters() {
        ListParameters first = ListParameters.of("dead", "it-record", "default", "10", null);
        assertThat(first.filter().state()).isEqualTo(JobState.DEAD);
        String cursor = JobCursor.encode(42, first.filter());
        assertThat(ListParameters.of("DEAD", "it-record", "default", "10", cursor).beforeId()).isEqualTo(42);
    }

    @Test
    void a_limit_outside_one_to_the_maximum_is_refused() {
        for (String limit : new String[] {"0", "-1", "201", "100000", "ten", ""}) {
            assertThatThrownBy(() -> ListParameters.of(null, null, null, limit, null)).as(limit)
                    .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void an_unknown_status_is_refused_naming_the_status() {
        assertThatThrownBy(() -> ListParameters.of("QUEUED' OR '1'='1", null, null, null, null))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @Test
    void a_type_that_no_job_type_could_have_is_a_bad_request_not_a_missing_resource() {
        assertThatThrownBy(() -> ListParameters.of(null, "x'; DROP TABLE eejobs_job; --", null, null, null))
                .isInstanceOfSatisfying(ApiProblem.class, e -> {
                    assertThat(e.status).isEqualTo(400);
                    assertThat(e.field).isEqualTo("type");
                });
    }
}
