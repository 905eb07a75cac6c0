package dev.eejobs.engine;

import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.store.Progress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What one attempt reported through {@link JobContext#progress} and {@link JobContext#log}, kept
 * in memory until the next lease renewal (or the outcome) writes it: only the latest progress —
 * so a job may report it as often as it likes — and the lines since the last write, at most
 * {@link JobContext#MAX_LOG_LINES} per attempt (later ones are dropped, one marker line says so).
 */
final class JobReports {

    static final String DROPPED = "… further log lines of this attempt are dropped (at most "
            + JobContext.MAX_LOG_LINES + " are kept)";

    private final int attempt;
    private final Clock clock;
    private Integer percent;
    private String message;
    private List<JobLogLine> lines = new ArrayList<>();
    private int logged;

    JobReports(int attempt, Clock clock) {
        this.attempt = attempt;
        this.clock = clock;
    }

    synchronized void progress(int percent, String message) {
        this.percent = Math.max(0, Math.min(100, percent));
        this.message = bounded(message);
    }

    synchronized void log(String message) {
        if (logged < JobContext.MAX_LOG_LINES) {
            lines.add(new JobLogLine(attempt, clock.instant(), bounded(String.valueOf(message))));
        } else if (logged == JobContext.MAX_LOG_LINES) {
            lines.add(new JobLogLine(attempt, clock.instant(), DROPPED));
        }
        logged++;
    }

    /** @return what was reported since the last call, now taken out */
    synchronized Progress take() {
        if (percent == null && lines.isEmpty()) {
            return Progress.NONE;
        }
        Progress p = new Progress(percent, percent == null ? null : message, List.copyOf(lines));
        percent = null;
        message = null;
        lines = new ArrayList<>();
        return p;
    }

    /** Puts back what a failed write took out, under anything reported since. */
    synchronized void giveBack(Progress p) {
        if (p.isEmpty()) {
            return;
        }
        if (percent == null && p.percent() != null) {
            percent = p.percent();
            message = p.message();
        }
        List<JobLogLine> all = new ArrayList<>(p.lines());
        all.addAll(lines);
        lines = all;
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= JobContext.MAX_MESSAGE) {
            return text;
        }
        return text.substring(0, JobContext.MAX_MESSAGE - 1) + "…";
    }
}
