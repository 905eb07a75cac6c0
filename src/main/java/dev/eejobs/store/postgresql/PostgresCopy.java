package dev.eejobs.store.postgresql;

import dev.eejobs.api.JobState;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.jpa.JobColumns;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stores big batches with {@code COPY … FROM STDIN}: PostgreSQL's bulk path parses rows as text
 * with no per-parameter binding, and the driver streams them, so a 100,000-job
 * {@code enqueueAll} costs a fraction of the equivalent multi-row inserts. It runs on the
 * caller's connection and so inside the caller's transaction.
 */
final class PostgresCopy {

    /** Below this many rows a multi-row insert is as quick and needs one round trip fewer. */
    static final int MIN_ROWS = 100;

    private static final String COPY = "COPY eejobs_job (" + JobColumns.insertedList() + ") FROM STDIN";
    private static final int FLUSH_CHARS = 256 * 1024;

    private PostgresCopy() {}

    /** @return the driver's copy API, if the pool lets it through */
    static Optional<PGConnection> driver(Connection c) {
        if (!PostgresDriver.visible()) {
            return Optional.empty();
        }
        try {
            return c.isWrapperFor(PGConnection.class) ? Optional.of(c.unwrap(PGConnection.class)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    static void insert(PGConnection pg, List<NewJob> jobs, List<Long> ids) throws SQLException {
        CopyIn in = pg.getCopyAPI().copyIn(COPY);
        try {
            StringBuilder rows = new StringBuilder(FLUSH_CHARS + 4096);
            LastText texts = new LastText(); // a batch usually shares type, queue, times and backoff
            for (int i = 0; i < jobs.size(); i++) {
                row(rows, ids.get(i), jobs.get(i), texts);
                if (rows.length() >= FLUSH_CHARS) {
                    write(in, rows);
                }
            }
            write(in, rows);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Appends one job as a line of COPY's text format, in the order of {@link JobColumns#INSERTED}. */
    static void row(StringBuilder rows, long id, NewJob job, LastText texts) {
        rows.append(id).append('\t')
                .append(texts.type(job.type())).append('\t')
                .append(texts.queue(job.queue())).append('\t').append(JobState.QUEUED.name()).append('\t');
        text(rows, job.argumentJson()).append('\t').append(job.priority()).append('\t')
                .append(texts.runAt(job.runAt())).append('\t')
                .append(texts.enqueuedAt(job.enqueuedAt())).append("\t0\t")
                .append(job.maxRetries()).append('\t')
                .append(texts.backoff(job.backoff())).append('\t').append(job.heartbeatMillis()).append('\t');
        if (job.scheduleKey() == null) {
            rows.append("\\N");
        } else {
            text(rows, job.scheduleKey());
        }
        rows.append('\t').append(job.timeoutMillis()).append('\n');
    }

    /** The COPY text of the previous row's values, reused while the next row has the same ones. */
    static final class LastText {
        private final Object[] values = new Object[5];
        private final String[] texts = new String[5];

        String type(String value) {
            return cached(0, value);
        }

        String queue(String value) {
            return cached(1, value);
        }

        String backoff(String value) {
            return cached(2, value);
        }

        String runAt(Instant value) {
            return cached(3, value);
        }

        String enqueuedAt(Instant value) {
            return cached(4, value);
        }

        private String cached(int slot, Object value) {
            if (!value.equals(values[slot])) {
                values[slot] = value;
                String plain = value.toString();
                texts[slot] = value instanceof String ? text(new StringBuilder(plain.length() + 8), plain).toString()
                        : plain;
            }
            return texts[slot];
        }
    }

    private static void write(CopyIn in, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    /** Appends a value in COPY's text format: backslash, tab, newline and carriage return escaped. */
    static StringBuilder text(StringBuilder out, String value) {
        int first = 0;
        while (first < value.length() && !special(value.charAt(first))) {
            first++;
        }
        out.append(value, 0, first); // usually the whole value
        for (int i = first; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }
}
