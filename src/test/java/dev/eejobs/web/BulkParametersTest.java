package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BulkParametersTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @Test
    void older_than_is_an_instant_or_a_duration_back_from_now() {
        BulkParameters p = BulkParameters.of("dead", "greet", "mail", "1h", NOW);
        assertThat(p.filter().state()).isEqualTo(JobState.DEAD);
        assertThat(p.filter().type()).isEqualTo("greet");
        assertThat(p.filter().queue()).isEqualTo("mail");
        assertThat(p.enqueuedBefore()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(BulkParameters.of(null, null, null, "2030-01-01T00:00:00Z", NOW).enqueuedBefore())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(BulkParameters.of(null, null, null, null, NOW).enqueuedBefore()).isNull();
    }

    @Test
    void a_bad_filter_is_refused_naming_it() {
        assertRefused(() -> BulkParameters.of(null, null, null, "yesterday", NOW), "olderThan");
        assertRefused(() -> BulkParameters.of(null, null, null, "2030-13-01T00:00:00Z", NOW), "olderThan");
        assertRefused(() -> BulkParameters.of("nope", null, null, null, NOW), "status");
        assertRefused(() -> BulkParameters.of(null, null, "a b", null, NOW), "queue");
    }

    @Test
    void unique_keys_are_1_to_200_printable_characters_and_the_period_is_a_duration() {
        assertThat(new UniqueParameters("order-42 ✓ 😀", "1h").applyTo(JobOptions.defaults()).uniqueFor())
                .contains(Duration.ofHours(1));
        assertThat(JobOptions.validUniqueKey("uniqueKey", "x".repeat(200))).hasSize(200);
        assertRefused(() -> JobOptions.validUniqueKey("uniqueKey", ""), "uniqueKey");
        assertRefused(() -> JobOptions.validUniqueKey("uniqueKey", "x".repeat(201)), "uniqueKey");
        assertRefused(() -> JobOptions.validUniqueKey("uniqueKey", "a\u0000b"), "uniqueKey");
        assertRefused(() -> JobOptions.validUniqueKey("uniqueKey", "a\uD800b"), "uniqueKey");
        assertRefused(() -> new UniqueParameters(null, "soon").applyTo(JobOptions.defaults()), "uniqueFor");
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfAny(InvalidJobException.class, ApiProblem.class)
                .satisfies(e -> assertThat(e instanceof InvalidJobException i ? i.field() : ((ApiProblem) e).field)
                        .isEqualTo(field));
    }
}
