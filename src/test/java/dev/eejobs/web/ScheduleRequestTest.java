package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleRequestTest {

    @Test
    void an_interval_schedule_reads_its_interval_and_keeps_the_argument_as_json() {
        ScheduleRequest request = ScheduleRequest.parse("{\"type\":\"greet\",\"every\":\"30s\",\"argument\":{\"name\":\"Ada\"}}");
        assertThat(request.every()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.cron()).isNull();
        assertThat(request.argumentJson()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void a_cron_schedule_defaults_to_utc() {
        ScheduleRequest request = ScheduleRequest.parse("{\"type\":\"greet\",\"cron\":\"@daily\",\"argument\":{}}");
        assertThat(request.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void each_refusal_names_its_field() {
        assertRefused("{\"type\":", "body");
        assertRefused("[1]", "body");
        assertRefused("{\"type\":\"greet\",\"argument\":{}}", "every");
        assertRefused("{\"type\":\"greet\",\"every\":\"1s\",\"cron\":\"@daily\",\"argument\":{}}", "every");
        assertRefused("{\"type\":\"greet\",\"every\":\"often\",\"argument\":{}}", "every");
        assertRefused("{\"type\":\"greet\",\"cron\":\"@daily\",\"zone\":\"Mars/Olympus\",\"argument\":{}}", "zone");
        assertRefused("{\"type\":\"greet\",\"every\":\"1m\",\"zone\":\"UTC\",\"argument\":{}}", "zone");
        assertRefused("{\"type\":\"greet\",\"every\":\"1m\"}", "argument");
        assertRefused("{\"type\":\"greet\",\"every\":5,\"argument\":{}}", "every");
        assertRefused("{\"type\":\"greet\",\"every\":\"1m\",\"argument\":{},\"owner\":\"x\"}", "owner");
        assertRefused("{\"type\":\"greet\",\"every\":\"1m\",\"argument\":{},\"<script>\":\"x\"}", "body");
        assertRefused("{\"type\":\"greet\",\"every\":\"999999999999d\",\"argument\":{}}", "every");
    }

    @Test
    void a_missing_type_is_a_bad_request() {
        assertThatThrownBy(() -> ScheduleRequest.parse("{\"every\":\"1m\",\"argument\":{}}"))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(400));
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> ScheduleRequest.parse(body)).as(body)
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
