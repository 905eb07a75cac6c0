package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // expression        | after (exclusive)       | next
        "* * * * *           | 2026-03-01T12:00:00Z    | 2026-03-01T12:01:00Z",
        "*/15 * * * *        | 2026-03-01T12:07:30Z    | 2026-03-01T12:15:00Z",
        "0 3 * * *           | 2026-03-01T03:00:00Z    | 2026-03-02T03:00:00Z",
        "0 9 * * MON-FRI     | 2026-03-06T10:00:00Z    | 2026-03-09T09:00:00Z",
        "0 0 1 JAN *         | 2026-03-01T00:00:00Z    | 2027-01-01T00:00:00Z",
        "0 0 29 2 *          | 2026-03-01T00:00:00Z    | 2028-02-29T00:00:00Z",
        "0 12 13 * 5         | 2026-03-01T00:00:00Z    | 2026-03-06T12:00:00Z",
        "5,10-12 1 * * 7     | 2026-03-01T01:05:00Z    | 2026-03-01T01:10:00Z",
        "@hourly             | 2026-03-01T12:00:00Z    | 2026-03-01T13:00:00Z",
        "@weekly             | 2026-03-02T00:00:00Z    | 2026-03-08T00:00:00Z",
    })
    void next_matching_minute(String expression, String after, String next) {
        assertThat(CronExpression.parse(expression).nextAfter(Instant.parse(after), UTC)).isEqualTo(Instant.parse(next));
    }

    @Test
    void fields_are_read_in_the_schedules_zone_across_a_daylight_saving_change() {
        CronExpression daily = CronExpression.parse("0 3 * * *");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(daily.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST, the night clocks go forward
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
        "5-1 * * * *", "* * * FOO *", "0 0 30 2 *", "*/0 * * * *", "@sometimes"})
    void invalid_expressions_are_refused_naming_the_cron_field(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("cron"));
    }
}
