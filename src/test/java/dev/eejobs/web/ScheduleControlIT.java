package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.OPERATOR;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.api.JobState;
import dev.eejobs.engine.ItDeployment;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP side of continuations, batches with an on-complete job and schedule control (pause,
 * resume, trigger, overlap), over real HTTP against the deployed WAR, with the refusals each
 * new parameter gets.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduleControlIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("schedule-control-it", HttpApiIT.SETTINGS, HttpItJobs.class, HttpItJobs.Key.class,
                HttpItJobs.FailOnceJob.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String key() {
        return "{\"key\":\"" + UUID.randomUUID() + "\"}";
    }


    private static void assertProblem(ApiClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(reply.json().getString("field", null)).isEqualTo(field);
    }

    @Test
    void a_continuation_over_http_waits_for_its_parent_and_is_cancelled_when_the_parent_dies() {
        ApiClient api = api();
        ApiClient.Reply parent = api.post("api/jobs/it-fail-once?delay=1s", PRODUCER, key());
        String parentId = parent.json().getString("id");
        ApiClient.Reply child = api.post("api/jobs/it-record?after=" + parentId, PRODUCER, key());
        assertThat(child.status()).as(child.body()).isEqualTo(202);
        assertThat(child.json().getString("status")).isEqualTo("WAITING");
        assertThat(child.json().getString("parentId")).isEqualTo(parentId);

        api().awaitStatus(parentId, JobState.DEAD);
        JsonObject cancelled = api().awaitStatus(child.json().getString("id"), JobState.CANCELLED);
        assertThat(cancelled.getString("lastError")).contains("parent " + parentId + " ended DEAD");

        ApiClient.Reply done = api.post("api/jobs/it-record", PRODUCER, key());
        api().awaitStatus(done.json().getString("id"), JobState.SUCCEEDED);
        ApiClient.Reply late = api.post("api/jobs/it-record?after=" + done.json().getString("id"), PRODUCER, key());
        api().awaitStatus(late.json().getString("id"), JobState.SUCCEEDED);

        assertProblem(api.post("api/jobs/it-record?after=abc", PRODUCER, key()), 400, "after");
        assertProblem(api.post("api/jobs/it-record?after=999999999999999", PRODUCER, key()), 400, "after");
    }

    @Test
    void a_batch_with_an_on_complete_job_reports_its_progress_and_runs_the_job_once_all_finished() {
        ApiClient api = api();
        ApiClient.Reply batch = api.post("api/jobs/it-record/batch?onComplete=it-record", PRODUCER,
                "{\"arguments\":[" + key() + "," + key() + "],\"onComplete\":" + key() + "}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        String batchId = batch.json().getString("batchId");
        assertThat(batch.json().getJsonArray("ids")).hasSize(2);
        String member = batch.json().getJsonArray("ids").getString(0);
        assertThat(api.get("api/jobs/" + member, DEMO).json().getString("batchId")).isEqualTo(batchId);

        api().awaitStatus(batchId, JobState.SUCCEEDED);
        JsonObject summary = api.get("api/batches/" + batchId, OPERATOR).json();
        assertThat(summary.getBoolean("finished")).isTrue();
        assertThat(summary.getJsonNumber("total").longValue()).isEqualTo(2);
        assertThat(summary.getJsonObject("counts").getJsonNumber("SUCCEEDED").longValue()).isEqualTo(2);
        assertThat(summary.getString("onCompleteStatus")).isEqualTo("SUCCEEDED");

        assertProblem(api.get("api/batches/" + member, OPERATOR), 404, "id");
        assertProblem(api.post("api/jobs/it-record/batch?onComplete=it-record", PRODUCER,
                "{\"arguments\":[" + key() + "]}"), 400, "onComplete");
        assertProblem(api.post("api/jobs/it-record/batch?onComplete=no-such-type", PRODUCER,
                "{\"arguments\":[" + key() + "],\"onComplete\":" + key() + "}"), 400, "onComplete");
        assertProblem(api.post("api/jobs/it-record/batch?onComplete=it-record", PRODUCER,
                "{\"arguments\":[],\"onComplete\":" + key() + "}"), 400, "arguments");
        assertProblem(api.post("api/jobs/it-record/batch?onComplete=it-record", PRODUCER,
                "{\"arguments\":[" + key() + "],\"onComplete\":" + key() + ",\"extra\":1}"), 400, "extra");
    }

    @Test
    void a_schedule_is_paused_resumed_and_triggered_and_declares_its_overlap() {
        ApiClient api = api();
        String name = "it-control-" + UUID.randomUUID();
        String path = "api/schedules/" + name;
        ApiClient.Reply created = api.put(path, OPERATOR,
                "{\"type\":\"it-record\",\"every\":\"1h\",\"overlap\":\"allow\",\"argument\":" + key() + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("overlap")).isEqualTo("allow");
        assertThat(created.json().getBoolean("paused")).isFalse();

        ApiClient.Reply paused = api.post(path + "/pause", OPERATOR, null);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().getBoolean("paused")).isTrue();
        // re-declared while paused: still paused, overlap back to the default
        ApiClient.Reply redeclared = api.put(path, OPERATOR, "{\"type\":\"it-record\",\"every\":\"1h\",\"argument\":"
                + key() + "}");
        assertThat(redeclared.json().getBoolean("paused")).isTrue();
        assertThat(redeclared.json().getString("overlap")).isEqualTo("skip");

        ApiClient.Reply fired = api.post(path + "/trigger", OPERATOR, null);
        assertThat(fired.status()).as(fired.body()).isEqualTo(202);
        String jobId = fired.json().getString("id");
        assertThat(fired.raw().headers().firstValue("Location").orElseThrow()).endsWith("/jobs/" + jobId);
        api().awaitStatus(jobId, JobState.SUCCEEDED);
        JsonObject afterTrigger = api.get(path, OPERATOR).json();
        assertThat(afterTrigger.getString("lastJobId")).isEqualTo(jobId);
        assertThat(afterTrigger.get("lastFiredAt")).isInstanceOf(JsonString.class);

        ApiClient.Reply resumed = api.post(path + "/resume", OPERATOR, null);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().getBoolean("paused")).isFalse();
        // the next tick is after now: a tick that passed while paused is not replayed
        assertThat(Instant.parse(resumed.json().getString("nextFireAt"))).isAfter(Instant.now().minusSeconds(5));

        assertProblem(api.put(path, OPERATOR, "{\"type\":\"it-record\",\"every\":\"1h\",\"overlap\":\"sometimes\","
                + "\"argument\":" + key() + "}"), 400, "overlap");
        assertThat(api.delete(path, OPERATOR).status()).isEqualTo(204);
        assertProblem(api.post(path + "/pause", OPERATOR, null), 404, "name");
        assertProblem(api.post(path + "/resume", OPERATOR, null), 404, "name");
        assertProblem(api.post(path + "/trigger", OPERATOR, null), 404, "name");
    }
}
