package dev.eejobs.web;

import dev.eejobs.api.JobAttempt;

/**
 * One attempt of a job as the API shows it. Error and trace follow {@code jobs.http.error-detail}
 * as {@code lastError} does.
 *
 * @param attempt the attempt's number
 * @param node the node that ran it
 * @param startedAt when it started, ISO-8601
 * @param finishedAt when it ended
 * @param outcome SUCCEEDED, FAILED, TIMED_OUT, CANCELLED or LEASE_EXPIRED
 * @param error the failure's message, or null
 * @param trace the failure's exception chain, as much as {@code jobs.http.error-detail} shows, or null
 * @param durationMillis from start to end
 */
public record AttemptView(int attempt, String node, String startedAt, String finishedAt, String outcome,
        String error, String trace, Long durationMillis) {

    static AttemptView of(JobAttempt a, ErrorDetail detail) {
        return new AttemptView(a.attempt(), a.node(), text(a.startedAt()), text(a.finishedAt()), a.outcome().name(),
                detail == ErrorDetail.NONE ? null : a.error(), detail.present(a.trace()),
                a.duration() == null ? null : a.duration().toMillis());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
