package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorDetailTest {

    /** As the engine stores a failure: the chain, each with the top of its stack. */
    private static final String STORED = String.join("\n",
            "java.lang.IllegalStateException: first attempt fails",
            "\tat dev.example.Job.run(Job.java:10)",
            "\tat dev.example.Job.helper(Job.java:20)",
            "\tat dev.example.Job.deeper(Job.java:30)",
            "\tat dev.example.Job.deepest(Job.java:40)",
            "Caused by: java.io.IOException: disk full",
            "\tat dev.example.Disk.write(Disk.java:5)", "");

    @Test
    void the_default_shows_the_exception_lines_and_the_top_three_frames_of_the_outermost() {
        assertThat(ErrorDetail.of("excerpt")).isEqualTo(ErrorDetail.EXCERPT);
        assertThat(ErrorDetail.EXCERPT.present(STORED)).isEqualTo(String.join("\n",
                "java.lang.IllegalStateException: first attempt fails",
                "\tat dev.example.Job.run(Job.java:10)",
                "\tat dev.example.Job.helper(Job.java:20)",
                "\tat dev.example.Job.deeper(Job.java:30)",
                "Caused by: java.io.IOException: disk full"));
    }

    @Test
    void message_shows_no_frames_and_none_shows_nothing() {
        assertThat(ErrorDetail.of("message").present(STORED)).isEqualTo(
                "java.lang.IllegalStateException: first attempt fails\nCaused by: java.io.IOException: disk full");
        assertThat(ErrorDetail.of("none").present(STORED)).isNull();
        assertThat(ErrorDetail.EXCERPT.present(null)).isNull();
    }

    @Test
    void what_is_shown_is_bounded_however_long_the_message() {
        assertThat(ErrorDetail.MESSAGE.present("x".repeat(10_000))).hasSize(ErrorDetail.MAX_CHARS);
    }
}
