package dev.eejobs.store;

import dev.eejobs.api.JobLogLine;
import java.util.List;

/**
 * What a running job reported since its last write, to be written with a lease renewal or with
 * its outcome: the latest progress (if it changed) and new log lines.
 *
 * @param percent the latest percentage, or null if none was reported since the last write
 * @param message the latest progress message (with {@code percent}), or null
 * @param lines new log lines, oldest first
 */
public record Progress(Integer percent, String message, List<JobLogLine> lines) {

    /** Nothing to write. */
    public static final Progress NONE = new Progress(null, null, List.of());

    /** @return whether there is nothing to write */
    public boolean isEmpty() {
        return percent == null && lines.isEmpty();
    }
}
