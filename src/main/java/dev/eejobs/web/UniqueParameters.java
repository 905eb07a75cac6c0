package dev.eejobs.web;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.JobOptions;

/**
 * The unique-job parameters of an enqueue; each refusal names its parameter.
 *
 * @param uniqueKey the job's unique key, 1-200 printable characters, or null
 * @param uniqueFor how long a SUCCEEDED job with the key still deduplicates, e.g. {@code 1h}, or null
 */
record UniqueParameters(String uniqueKey, String uniqueFor) {

    JobOptions applyTo(JobOptions options) {
        JobOptions result = options;
        if (uniqueKey != null) {
            result = result.uniqueKey(uniqueKey);
        }
        if (uniqueFor != null) {
            result = result.uniqueFor(DurationText.parse("uniqueFor", uniqueFor));
        }
        return result;
    }
}
