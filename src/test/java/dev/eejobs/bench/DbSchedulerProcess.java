package dev.eejobs.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One db-scheduler node in a JVM of its own, as each eejobs node of the several-nodes mode is a
 * Payara Micro server of its own: started by {@link DbSchedulerRuns} with the benchmark's
 * classpath, driven by one-line commands on stdin, answering on stdout with lines that start with
 * {@code PEER} (anything else there is a library's logging). Times are wall-clock microseconds, so
 * that the windows of several processes on one machine can be put side by side.
 *
 * <p>Arguments: JDBC URL, user, password, scheduler name, worker threads, and the drain's warm-up:
 * the preloaded executions numbered up to it are not counted in the drain.
 *
 * <p>Commands: {@code drained} answers {@code PEER DRAIN <count> <first start> <last end>} of the
 * counted drain executions; {@code single <n> <prefix>} schedules n due-now executions one by one
 * from one caller and answers {@code PEER WINDOW <start> <end>}; {@code last} answers
 * {@code PEER LAST <end>}, when the last of them ran; {@code jit} answers {@code PEER JIT <ms>}, the
 * JVM's accumulated JIT compilation time ({@link JitSettling}); {@code stop} stops the scheduler and
 * exits.
 */
public final class DbSchedulerProcess {

    private final AtomicLong drained = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastOtherEnd = new AtomicLong(Long.MIN_VALUE);
    private final long warmup;

    private DbSchedulerProcess(long warmup) {
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        new DbSchedulerProcess(Long.parseLong(args[5])).serve(args[0], args[1], args[2], args[3],
                Integer.parseInt(args[4]));
    }

    private void serve(String url, String user, String password, String name, int workers) throws Exception {
        OneTimeTask<Void> noop = Tasks.oneTime(DbSchedulerRuns.TASK).execute((instance, context) -> {
            long start = micros();
            ran(instance.getId(), start, micros());
        });
        try (HikariDataSource ds = DbSchedulerRuns.pool(url, user, password, name)) {
            Scheduler scheduler = DbSchedulerRuns.configure(Scheduler.create(ds, noop), name, workers).build();
            scheduler.start();
            answer("READY");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] c = line.trim().split(" ");
                switch (c[0]) {
                    case "drained" -> answer("DRAIN " + drained.get() + " " + firstStart.get() + " " + lastEnd.get());
                    case "single" -> {
                        lastOtherEnd.set(Long.MIN_VALUE);
                        int n = Integer.parseInt(c[1]);
                        long start = micros();
                        for (int i = 0; i < n; i++) {
                            scheduler.schedule(noop.instance(c[2] + i), Instant.now());
                        }
                        answer("WINDOW " + start + " " + micros());
                    }
                    case "last" -> answer("LAST " + lastOtherEnd.get());
                    case "jit" -> answer("JIT " + JitSettling.ownCompileMillis());
                    case "stop" -> {
                        scheduler.stop();
                        answer("STOPPED");
                        return;
                    }
                    default -> answer("ERROR unknown command " + line);
                }
            }
            scheduler.stop(); // the benchmark went away
        }
    }

    private void ran(String id, long start, long end) {
        if (!id.isEmpty() && Character.isDigit(id.charAt(0))) {
            if (Long.parseLong(id) > warmup) {
                drained.incrementAndGet();
                firstStart.accumulateAndGet(start, Math::min);
                lastEnd.accumulateAndGet(end, Math::max);
            }
        } else {
            lastOtherEnd.accumulateAndGet(end, Math::max);
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static synchronized void answer(String line) {
        System.out.println("PEER " + line);
        System.out.flush();
    }
}
