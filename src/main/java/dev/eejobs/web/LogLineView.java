package dev.eejobs.web;

import dev.eejobs.api.JobLogLine;

/**
 * A line a job logged, as the API shows it.
 *
 * @param attempt the attempt that wrote it
 * @param at when, ISO-8601
 * @param message the line
 */
public record LogLineView(int attempt, String at, String message) {

    static LogLineView of(JobLogLine line) {
        return new LogLineView(line.attempt(), line.at().toString(), line.message());
    }
}
