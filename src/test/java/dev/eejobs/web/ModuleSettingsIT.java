package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import example.settings.JobsProbe;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module's settings seen from a user's WAR: the jobs in a datasource the application names
 * ({@code jobs.datasource}), the HTTP API and the dashboard off ({@code jobs.http.enabled=false},
 * {@code jobs.ui.enabled=false}). H2 suite only: the
 * named datasource is the application's own in-memory H2.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "eejobs.db", matches = "h2")
class ModuleSettingsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive ownDatasource() {
        return ShopWar.of("own-datasource", "jobs.poll-interval=200ms\njobs.datasource=java:app/jdbc/jobs\n"
                + "jobs.http.enabled=false\njobs.ui.enabled=false\n").addPackage(JobsProbe.class.getPackage());
    }

    @Test
    void jobs_live_in_the_datasource_the_application_names_and_the_api_can_be_switched_off(
            @ArquillianResource URL base) {
        ApiClient http = new ApiClient(base);
        String id = http.post("probe?order=" + UUID.randomUUID(), null, "").body();
        await().atMost(PATIENCE).until(() -> http.get("probe?id=" + id, null).body().startsWith("own=1"));
        assertThat(http.get("probe?id=" + id, null).body())
                .as("nothing of the module in the default datasource").isEqualTo("own=1 default=-1");

        ApiClient.Reply api = http.get("jobs-api/queues", DEMO);
        assertThat(api.status()).as("the API is off").isEqualTo(404);
        assertThat(http.get("jobs-ui/", DEMO).status()).as("the dashboard is off (jobs.ui.enabled=false)").isEqualTo(404);
    }
}
