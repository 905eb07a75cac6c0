package dev.eejobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

    private static JobsConfig of(Map<String, String> values) {
        return new JobsConfig(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults_match_the_seed() {
        JobsConfig c = of(Map.of());
        assertThat(c.defaultQueue()).isEqualTo("default");
        assertThat(c.maxRetries()).isEqualTo(5);
        assertThat(c.backoff()).isEqualTo(Backoff.exponential(2));
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.workersFor("default")).isEqualTo(4);
        assertThat(c.maxPayloadBytes()).isEqualTo(65_536);
        assertThat(c.migrate()).isTrue();
    }

    @Test
    void per_queue_workers_override_the_global_count() {
        JobsConfig c = of(Map.of("jobs.workers", "8", "jobs.queue.mail.workers", "2"));
        assertThat(c.workersFor("mail")).isEqualTo(2);
        assertThat(c.workersFor("other")).isEqualTo(8);
    }

    @Test
    void unlimited_retries_can_be_set_globally() {
        assertThat(of(Map.of("jobs.max-retries", "unlimited")).maxRetries()).isEqualTo(-1);
    }

    @Test
    void every_invalid_key_is_named_in_one_error() {
        assertThatThrownBy(() -> of(Map.of("jobs.workers", "many", "jobs.backoff", "sometimes",
                "jobs.heartbeat", "10ms", "jobs.queues", "ok,not ok")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jobs.workers = 'many'")
                .hasMessageContaining("jobs.backoff = 'sometimes'")
                .hasMessageContaining("jobs.heartbeat = '10ms'")
                .hasMessageContaining("jobs.queues");
    }
}
