package dev.eejobs.fault;

import dev.eejobs.api.JobContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the probe jobs of one node record every start and end: an append-only file of the node's
 * own, outside the engine's tables and outside the database, so the record survives what the
 * suite does to the database. Each line is one write to the operating system before the job goes
 * on, so it survives a kill -9 of the node. Times are wall-clock microseconds: all nodes run on
 * one machine, so they share the clock.
 */
final class ProbeLog {

    private static FileChannel channel;

    private ProbeLog() {}

    /** Appends {@code event jobId attempt epochMicros node detail}. */
    static synchronized void record(String event, JobContext context, String detail) {
        String line = event + " " + context.jobId().value() + " " + context.attempt() + " "
                + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + " " + System.getProperty("fault.node", "?")
                + " " + detail + "\n";
        try {
            if (channel == null) {
                channel = FileChannel.open(Path.of(System.getProperty("fault.probe.log", "probe.log")),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
