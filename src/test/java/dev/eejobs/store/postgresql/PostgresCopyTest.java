package dev.eejobs.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.store.NewJob;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresCopyTest {

    private static final Instant RUN_AT = Instant.parse("2026-11-28T12:00:00.000123Z");

    private static String text(String value) {
        return PostgresCopy.text(new StringBuilder(), value).toString();
    }

    @Test
    void plain_text_is_written_as_it_is() {
        assertThat(text("{\"name\":\"Ada\",\"ü\":\"✓\"}")).isEqualTo("{\"name\":\"Ada\",\"ü\":\"✓\"}");
        assertThat(text("")).isEmpty();
    }

    @Test
    void backslash_tab_newline_and_carriage_return_are_escaped_and_nothing_else() {
        assertThat(text("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(text("\\")).isEqualTo("\\\\");
        assertThat(text("\"quoted\" \\N")).isEqualTo("\"quoted\" \\\\N"); // the text \N is not the null marker
    }

    @Test
    void a_row_has_every_column_in_order_and_null_for_no_schedule_key() {
        StringBuilder rows = new StringBuilder();
        PostgresCopy.LastText texts = new PostgresCopy.LastText();
        PostgresCopy.row(rows, 7, new NewJob("greet", "mail", "{\"s\":\"a\\tb\"}", -2, RUN_AT, RUN_AT, 3,
                "fixed(1s)", 5000, null), texts);
        PostgresCopy.row(rows, 8, new NewJob("greet", "mail", "{}", 0, RUN_AT, RUN_AT, 3, "fixed(1s)", 5000,
                "tick@2026\\x"), texts);
        assertThat(rows.toString()).isEqualTo(
                "7\tgreet\tmail\tQUEUED\t{\"s\":\"a\\\\tb\"}\t-2\t2026-11-28T12:00:00.000123Z\t"
                        + "2026-11-28T12:00:00.000123Z\t0\t3\tfixed(1s)\t5000\t\\N\t0\n"
                        + "8\tgreet\tmail\tQUEUED\t{}\t0\t2026-11-28T12:00:00.000123Z\t"
                        + "2026-11-28T12:00:00.000123Z\t0\t3\tfixed(1s)\t5000\ttick@2026\\\\x\t0\n");
    }
}
