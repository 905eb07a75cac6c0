package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.OPERATOR;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.engine.ItServer;
import dev.eejobs.web.HostileRequests.Api;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module as a new user meets it: a WAR of the user's own ({@code example.shop}) with the library
 * jar and its dependencies in WEB-INF/lib and nothing else of eejobs — no web.xml, no descriptor of
 * the server's. The shop has its own CDI beans, its own persistence unit used through an unnamed
 * persistence context, its own JAX-RS application at /api listing no classes, and its own jobs.
 * Last, the hostile storm against the module's API in that WAR, at its default path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long SEED = Long.getLong("eejobs.hostile.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("eejobs.hostile.requests", 5_200);

    @Deployment(testable = false)
    static WebArchive shop() {
        return ShopWar.of("shop", text("src/test/resources/shop/microprofile-config.properties"));
    }

    private static String text(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ArquillianResource
    URL base;

    private ApiClient http() {
        return new ApiClient(base);
    }

    private JsonObject job(String id) {
        return http().get("jobs-api/jobs/" + id, DEMO).json();
    }

    @Test
    void a_job_enqueued_by_the_shop_runs_with_the_shop_s_beans_and_persistence_unit() {
        String order = "order-" + UUID.randomUUID();
        ApiClient.Reply placed = http().post("api/orders/" + order, null, "");
        assertThat(placed.status()).isEqualTo(200);
        String id = placed.json().getString("job");

        await().atMost(PATIENCE).until(() -> job(id).getString("status").equals("SUCCEEDED"));
        JsonObject shop = http().get("api/orders/" + order, null).json();
        assertThat(shop.getBoolean("stored")).isTrue();
        assertThat(shop.getInt("mailerCount")).as("the job used the shop's own CDI bean").isEqualTo(1);
        assertThat(shop.getInt("mailsSent")).as("the job wrote through the shop's own unit").isEqualTo(1);
    }

    @Test
    void a_job_that_always_fails_dies_after_exactly_max_retries_plus_one_attempts_with_its_error() {
        String id = http().post("api/orders/" + UUID.randomUUID() + "/broken", null, "").json().getString("job");

        await().atMost(PATIENCE).until(() -> job(id).getString("status").equals("DEAD"));
        JsonObject dead = job(id);
        assertThat(dead.getInt("attempts")).isEqualTo(3);
        assertThat(dead.getString("lastError")).contains("shop-broken fails attempt 3");
    }

    @Test
    void an_enqueue_in_a_transaction_that_rolls_back_leaves_neither_order_nor_job() {
        String order = "rolled-back-" + UUID.randomUUID();
        ApiClient.Reply failed = http().post("api/orders/" + order + "?fail=true", null, "");
        assertThat(failed.status()).isEqualTo(409);
        String id = failed.json().getString("job");

        assertThat(http().get("jobs-api/jobs/" + id, DEMO).status()).isEqualTo(404);
        assertThat(http().get("api/orders/" + order, null).json().getBoolean("stored")).isFalse();
    }

    @Test
    void a_delayed_job_does_not_run_before_its_time() {
        String order = "later-" + UUID.randomUUID();
        Instant asked = Instant.now();
        String id = http().post("api/orders/" + order + "?delayMillis=3000", null, "").json().getString("job");

        JsonObject queued = job(id);
        assertThat(queued.getString("status")).isEqualTo("QUEUED");
        await().atMost(PATIENCE).until(() -> job(id).getString("status").equals("SUCCEEDED"));
        Instant started = Instant.parse(job(id).getString("startedAt"));
        assertThat(started).isAfterOrEqualTo(Instant.parse(queued.getString("runAt")));
        assertThat(Duration.between(asked, started)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void the_shop_s_recurring_schedule_fires_again_and_again() {
        int before = http().get("api/orders/tick", null).json().getInt("mailerCount");
        await().atMost(PATIENCE).until(() -> http().get("api/orders/tick", null).json().getInt("mailerCount") >= before + 3);
    }

    @Test
    void the_http_api_lives_at_jobs_api_with_its_roles_and_stays_out_of_the_shop_s_application() {
        String order = "{\"orderId\":\"http-" + UUID.randomUUID() + "\"}";
        ApiClient.Reply anonymous = http().post("jobs-api/jobs/shop-confirm", null, order);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(http().post("jobs-api/jobs/shop-confirm", OPERATOR, order).status()).isEqualTo(403);
        assertThat(http().post("jobs-api/jobs/shop-broken", PRODUCER, order).status())
                .as("a type that did not opt in to HTTP enqueue").isEqualTo(404);
        ApiClient.Reply accepted = http().post("jobs-api/jobs/shop-confirm", PRODUCER, order);
        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> job(accepted.json().getString("id")).getString("status").equals("SUCCEEDED"));

        assertThat(http().get("api/jobs/" + accepted.json().getString("id"), DEMO).status())
                .as("the module's resources do not answer under the shop's application").isEqualTo(404);
        ApiClient.Reply shopError = http().get("api/orders/boom", null);
        assertThat(shopError.status()).isEqualTo(500);
        assertThat(shopError.contentType()).as("the module's mappers leave the shop's errors alone")
                .doesNotStartWith("application/problem+json");
    }

    @Test
    void health_and_metrics_carry_the_module_s_checks_and_series() {
        String health = http().get(ItServer.health(base, "/health"), null).body();
        assertThat(health).contains("\"eejobs-startup\"", "\"eejobs-engine\"", "\"eejobs-store\"");
        assertThat(http().get(ItServer.health(base, "/health/started"), null).status()).isEqualTo(200);
        Assumptions.assumeTrue(ItServer.hasMicroProfileMetrics(), "this server has no MicroProfile Metrics");
        String metrics = http().get("/metrics?scope=application", null).body();
        assertThat(metrics).contains("eejobs_jobs_enqueued_total", "eejobs_queue_jobs");
    }

    /**
     * The storm of {@link HostileRequestsIT} aimed at the shop's {@code /jobs-api} and its
     * {@code shop-confirm} jobs: no answer is a 5xx, every 4xx of the module's API is a problem body
     * that speaks of the request, what must be refused is, nothing is logged as a server error where
     * the server keeps a log (WildFly), and the shop still runs a fresh job afterwards. Last, so
     * the storm's jobs and schedules do not stand in the other tests' way.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void thousands_of_hostile_requests_to_the_module_s_api_in_the_shop_get_a_2xx_or_a_problem_4xx() throws Exception {
        HostileStorm.againstDeployment(Api.SHOP, base, SEED, REQUESTS);
    }
}
