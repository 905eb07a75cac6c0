package dev.eejobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTransitionTest {

    @Test
    void a_job_lives_queued_running_then_succeeded_or_dead() {
        assertThat(JobTransition.CLAIM.apply(JobState.QUEUED)).isEqualTo(JobState.RUNNING);
        assertThat(JobTransition.SUCCEED.apply(JobState.RUNNING)).isEqualTo(JobState.SUCCEEDED);
        assertThat(JobTransition.RETRY.apply(JobState.RUNNING)).isEqualTo(JobState.QUEUED);
        assertThat(JobTransition.BURY.apply(JobState.RUNNING)).isEqualTo(JobState.DEAD);
        assertThat(JobTransition.RELEASE.apply(JobState.RUNNING)).isEqualTo(JobState.QUEUED);
        assertThat(JobTransition.CANCEL.apply(JobState.QUEUED)).isEqualTo(JobState.CANCELLED);
        assertThat(JobTransition.REVIVE.apply(JobState.DEAD)).isEqualTo(JobState.QUEUED);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "DEAD", "CANCELLED", "QUEUED"})
    void only_a_running_job_can_complete(JobState state) {
        assertThatThrownBy(() -> JobTransition.SUCCEED.apply(state)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.name());
    }

    @Test
    void running_jobs_cannot_be_cancelled_and_finished_jobs_cannot_be_claimed() {
        assertThatThrownBy(() -> JobTransition.CANCEL.apply(JobState.RUNNING)).isInstanceOf(IllegalStateException.class);
        for (JobState finished : new JobState[] {JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED}) {
            assertThat(finished.isFinal()).isTrue();
            assertThatThrownBy(() -> JobTransition.CLAIM.apply(finished)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void exactly_the_transitions_that_end_an_active_job_free_its_unique_key_and_a_revive_takes_it_back() {
        assertThat(java.util.Arrays.stream(JobTransition.values()).filter(JobTransition::deactivates))
                .containsExactlyInAnyOrder(JobTransition.SUCCEED, JobTransition.BURY, JobTransition.CANCEL,
                        JobTransition.CANCEL_RUNNING, JobTransition.ABANDON);
        assertThat(java.util.Arrays.stream(JobTransition.values()).filter(JobTransition::activates))
                .containsExactly(JobTransition.REVIVE);
    }
}
