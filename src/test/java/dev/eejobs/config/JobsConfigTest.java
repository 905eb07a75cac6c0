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
    void the_clock_skew_allowance_defaults_to_a_second_and_is_bounded_by_two_heartbeats() {
        assertThat(of(Map.of()).leaseClockSkew()).isEqualTo(Duration.ofSeconds(1));
        assertThat(of(Map.of("jobs.heartbeat", "200ms")).leaseClockSkew()).as("capped default")
                .isEqualTo(Duration.ofMillis(400));
        assertThat(of(Map.of("jobs.lease.clock-skew", "10s")).leaseClockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> of(Map.of("jobs.heartbeat", "1s", "jobs.lease.clock-skew", "3s")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jobs.lease.clock-skew = '3s'")
                .hasMessageContaining("at most 2 x jobs.heartbeat");
        assertThatThrownBy(() -> of(Map.of("jobs.lease.clock-skew", "soon")))
                .hasMessageContaining("jobs.lease.clock-skew");
    }

    @Test
    void the_global_timeout_is_off_by_default_and_refused_out_of_bounds_naming_the_key() {
        assertThat(of(Map.of()).timeout()).isNull();
        assertThat(of(Map.of("jobs.timeout", "none")).timeout()).isNull();
        assertThat(of(Map.of("jobs.timeout", "10m")).timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> of(Map.of("jobs.timeout", "0s"))).hasMessageContaining("jobs.timeout = '0s'");
        assertThatThrownBy(() -> of(Map.of("jobs.timeout", "soon"))).hasMessageContaining("jobs.timeout");
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

    @Test
    void the_datasource_and_executor_default_to_the_server_s_and_are_named_by_jndi() {
        JobsConfig defaults = of(Map.of());
        assertThat(defaults.datasource()).isEqualTo("java:comp/DefaultDataSource");
        assertThat(defaults.executor()).isEqualTo("java:comp/DefaultManagedExecutorService");
        JobsConfig own = of(Map.of("jobs.datasource", "java:app/jdbc/orders", "jobs.executor", "concurrent/jobs"));
        assertThat(own.datasource()).isEqualTo("java:app/jdbc/orders");
        assertThat(own.executor()).isEqualTo("concurrent/jobs");
    }

    @Test
    void a_blank_or_spaced_jndi_name_is_refused_naming_its_key() {
        assertThatThrownBy(() -> of(Map.of("jobs.datasource", " ", "jobs.executor", "java:comp/my executor")))
                .hasMessageContaining("jobs.datasource = ' '")
                .hasMessageContaining("jobs.executor = 'java:comp/my executor'");
    }

    @Test
    void health_metrics_and_http_keys_have_defaults() {
        JobsConfig c = of(Map.of());
        assertThat(c.healthDatabaseTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.healthFetcherStall()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.healthRestartOverdue()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.metricsCountsRefresh()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.httpEnabled()).isTrue();
        assertThat(c.httpPath()).isEqualTo("/jobs-api");
        assertThat(c.httpMaxBodyBytes()).isEqualTo(65_536);
        assertThat(c.httpErrorDetail()).isEqualTo("excerpt");
        assertThat(c.executorMaxThreads()).isEqualTo(200);
    }

    @Test
    void health_metrics_and_http_keys_are_read_and_validated_with_the_rest() {
        JobsConfig c = of(Map.of("jobs.http.path", "/api/", "jobs.http.error-detail", "NONE",
                "jobs.http.max-body", "1024", "jobs.health.database-timeout", "500ms", "jobs.http.enabled", "false"));
        assertThat(c.httpPath()).isEqualTo("/api");
        assertThat(c.httpErrorDetail()).isEqualTo("none");
        assertThat(c.httpMaxBodyBytes()).isEqualTo(1024);
        assertThat(c.healthDatabaseTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.httpEnabled()).isFalse();
        assertThatThrownBy(() -> of(Map.of("jobs.http.max-body", "1", "jobs.http.error-detail", "full",
                "jobs.http.path", "api path", "jobs.health.database-timeout", "1ms",
                "jobs.metrics.counts-refresh", "soon", "jobs.executor.max-threads", "0", "jobs.http.enabled", "no")))
                .hasMessageContaining("jobs.http.max-body = '1'")
                .hasMessageContaining("jobs.http.error-detail = 'full'")
                .hasMessageContaining("jobs.http.path = 'api path'")
                .hasMessageContaining("jobs.health.database-timeout = '1ms'")
                .hasMessageContaining("jobs.metrics.counts-refresh = 'soon'")
                .hasMessageContaining("jobs.executor.max-threads = '0'")
                .hasMessageContaining("jobs.http.enabled = 'no'");
    }

    @Test
    void the_dashboard_is_on_at_jobs_ui_unless_configured_otherwise() {
        assertThat(of(Map.of()).uiEnabled()).isTrue();
        assertThat(of(Map.of()).uiPath()).isEqualTo("/jobs-ui");
        JobsConfig moved = of(Map.of("jobs.ui.enabled", "false", "jobs.ui.path", "/ops/jobs/"));
        assertThat(moved.uiEnabled()).isFalse();
        assertThat(moved.uiPath()).isEqualTo("/ops/jobs");
        assertThatThrownBy(() -> of(Map.of("jobs.ui.path", "jobs ui", "jobs.ui.enabled", "maybe")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jobs.ui.path = 'jobs ui': must be a path such as /jobs-ui")
                .hasMessageContaining("jobs.ui.enabled = 'maybe'");
    }
}
