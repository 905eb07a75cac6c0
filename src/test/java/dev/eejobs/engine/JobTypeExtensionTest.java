package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Registration runs in a real CDI container (Weld SE), the same Weld that Payara uses. */
class JobTypeExtensionTest {

    record Mail(String to) {}

    static class Unreadable {
        Unreadable(String onlyConstructor) {}
    }

    @ApplicationScoped
    @BackgroundJob(name = "send-mail", queue = "mail", maxRetries = 3, backoff = "fixed(30s)")
    static class SendMail implements Job<Mail> {
        @Override
        public void run(Mail argument, JobContext context) {}
    }

    @ApplicationScoped
    @BackgroundJob(name = "send-mail")
    static class SendMailAgain implements Job<Mail> {
        @Override
        public void run(Mail argument, JobContext context) {}
    }

    @ApplicationScoped
    @BackgroundJob(name = "unreadable")
    static class UnreadableJob implements Job<Unreadable> {
        @Override
        public void run(Unreadable argument, JobContext context) {}
    }

    @ApplicationScoped
    @BackgroundJob(name = "bad-backoff", backoff = "whenever")
    static class BadBackoffJob implements Job<Mail> {
        @Override
        public void run(Mail argument, JobContext context) {}
    }

    @ApplicationScoped
    @BackgroundJob(name = "bad-timeout", timeout = "0ms")
    static class BadTimeoutJob implements Job<Mail> {
        @Override
        public void run(Mail argument, JobContext context) {}
    }

    private static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery().addExtension(new JobTypeExtension()).addBeanClasses(beans);
    }

    @Test
    void a_job_bean_is_registered_under_its_name_with_its_annotation_defaults() {
        try (WeldContainer container = weld(SendMail.class).initialize()) {
            JobTypeExtension ext = container.select(JobTypeExtension.class).get();
            assertThat(ext.isRegistered("send-mail")).isTrue();
            assertThat(ext.definitions()).singleElement().satisfies(d -> {
                assertThat(d.beanClass()).isEqualTo(SendMail.class);
                assertThat(d.argumentType()).isEqualTo(Mail.class);
                assertThat(d.annotation().queue()).isEqualTo("mail");
            });
        }
    }

    @Test
    void two_job_types_with_one_name_fail_deployment_naming_both_classes() {
        assertThatThrownBy(() -> weld(SendMail.class, SendMailAgain.class).initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("two job types are named 'send-mail'")
                .hasMessageContaining(SendMail.class.getName())
                .hasMessageContaining(SendMailAgain.class.getName());
    }

    @Test
    void an_argument_that_cannot_round_trip_through_json_fails_deployment() {
        assertThatThrownBy(() -> weld(UnreadableJob.class).initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("'unreadable'")
                .hasMessageContaining("cannot round-trip through JSON");
    }

    @Test
    void an_invalid_annotation_value_fails_deployment_naming_the_attribute() {
        assertThatThrownBy(() -> weld(BadBackoffJob.class).initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining(BadBackoffJob.class.getName())
                .hasMessageContaining("backoff");
    }

    @Test
    void an_out_of_bounds_timeout_fails_deployment_naming_the_attribute() {
        assertThatThrownBy(() -> weld(BadTimeoutJob.class).initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining(BadTimeoutJob.class.getName())
                .hasMessageContaining("timeout");
    }
}
