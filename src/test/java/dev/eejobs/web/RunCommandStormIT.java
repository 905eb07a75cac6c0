package dev.eejobs.web;

import static dev.eejobs.web.HostileStorm.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.api.JobState;
import dev.eejobs.web.HostileRequests.Hostile;
import dev.eejobs.web.HostileStorm.Outcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo as the README's run command starts it (Payara Micro, root context, the embedded H2
 * database, demo users), the first thing a new user pokes at, under the same generated hostile
 * requests as {@link HostileRequestsIT} ({@code -Deejobs.hostile.seed}, {@code
 * -Deejobs.hostile.requests}): no answer is a 5xx, every 4xx of the API is a problem body that
 * speaks of the request, and the server is still ready and runs a fresh job afterwards. H2 lives
 * inside the server, so the rows themselves are checked by the PostgreSQL storm; here the
 * requests aimed at sentinel rows name jobs that do not exist and must be refused all the same.
 *
 * <p>On demand, not in the default suites: {@code mvn failsafe:integration-test@it-h2
 * failsafe:verify@verify-h2 -Dit.test=RunCommandStormIT}. About one run in twenty sees a refusal
 * (401, 400) go out with an empty body: Payara's error-page handling races when two error pages
 * are dispatched at once in the first seconds after the start ({@code StandardHostValve.status}
 * throws a {@code NullPointerException} from {@code StandardHost.findDeployedApp}, logged as
 * {@code AS-WEB-CORE-00037}). Until the module works around it, a default suite that fails one
 * run in twenty would hide every other result.
 */
class RunCommandStormIT {

    private static final long SEED = Long.getLong("eejobs.hostile.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("eejobs.hostile.requests", 5_200);
    /** Far above any id a fresh database hands out. */
    private static final long NO_SUCH_JOB = 9_000_000_000L;

    private static PayaraMicroProcess server;
    private static RawHttp http;

    @BeforeAll
    static void startTheDemoAsTheReadmeDoes() throws Exception {
        server = PayaraMicroProcess.startDemoOnH2("run-command-storm-payara.log");
        http = new RawHttp("127.0.0.1", server.port);
        await("the demo is ready; see " + server.log).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(server.alive()).as("Payara Micro is running; see " + server.log).isTrue();
                    try {
                        return http.send(new RawHttp.Request("GET", "/health/ready", List.of(), null, false)).status() == 200
                                && http.send(new RawHttp.Request("GET", "/api/queues", List.of(DEMO), null, false))
                                        .status() == 200;
                    } catch (RuntimeException notListeningYet) {
                        return false;
                    }
                });
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thousands_of_hostile_requests_get_a_2xx_or_a_problem_4xx_and_the_demo_keeps_running() throws Exception {
        Map<JobState, Long> noSuchJobs = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            noSuchJobs.put(state, NO_SUCH_JOB + state.ordinal());
        }
        List<Hostile> requests = new HostileRequests(SEED, noSuchJobs, "hostile-sentinel-none").generate(REQUESTS);
        long started = System.nanoTime();
        List<Outcome> outcomes = HostileStorm.send(http, requests);
        HostileStorm.report(SEED, outcomes, Duration.ofNanos(System.nanoTime() - started));

        SoftAssertions softly = new SoftAssertions();
        HostileStorm.Accepted accepted = HostileStorm.checkAnswers(outcomes, softly);
        softly.assertThat(outcomes).as("an answer or a failure for every request").hasSize(requests.size());
        softly.assertThat(accepted.jobs).as("some of the storm's jobs were well-formed and stored").isNotEmpty();
        softly.assertAll();
        HostileStorm.theServerIsReadyAndRunsAFreshJob(http);
    }
}
