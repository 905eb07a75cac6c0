package dev.eejobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.EngineStatus.Loop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LivenessRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration OVERDUE = Duration.ofSeconds(30);

    private static List<String> problems(Loop... loops) {
        return LivenessRules.problems(new EngineStatus(true, true, false, List.of(loops), List.of(), null), NOW, STALL, OVERDUE);
    }

    @Test
    void live_loops_that_passed_recently_are_fine() {
        assertThat(problems(new Loop("fetch-default", true, NOW.minusSeconds(1), null),
                new Loop("work-default-1", true, NOW.minusSeconds(3600), null))).isEmpty();
    }

    @Test
    void a_dead_loop_awaiting_its_restart_is_fine() {
        assertThat(problems(new Loop("work-default-1", false, null, NOW.plusSeconds(1)))).isEmpty();
        assertThat(problems(new Loop("work-default-1", false, null, NOW.minusSeconds(29)))).isEmpty();
    }

    @Test
    void a_dead_loop_whose_restart_is_overdue_or_missing_is_a_problem() {
        assertThat(problems(new Loop("work-default-1", false, null, NOW.minusSeconds(31)))).singleElement()
                .asString().contains("work-default-1");
        assertThat(problems(new Loop("reap", false, null, null))).singleElement().asString().contains("no restart");
    }

    @Test
    void a_fetcher_without_a_pass_for_longer_than_the_threshold_is_stalled() {
        assertThat(problems(new Loop("fetch-mail", true, NOW.minusSeconds(61), null))).singleElement()
                .asString().contains("fetch-mail");
    }

    @Test
    void a_busy_worker_is_never_stalled() {
        assertThat(problems(new Loop("work-mail-2", true, NOW.minusSeconds(86_400), null))).isEmpty();
    }
}
