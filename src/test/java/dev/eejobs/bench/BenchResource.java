package dev.eejobs.bench;

import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/** Runs the in-process benchmark scenarios inside the server; only the benchmark WAR ships it. */
@Path("run")
@ApplicationScoped
public class BenchResource {

    /** Mounts the benchmark endpoints beside the jobs API. */
    @ApplicationPath("bench")
    public static class BenchApplication extends Application {}

    @Inject
    JobQueue jobs;

    @Resource
    ManagedExecutorService executor;

    /** Stores n jobs in one enqueueAll call (one transaction), not yet due. */
    @POST
    @Path("bulk")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> bulk(@QueryParam("n") int n) {
        List<Tick> ticks = IntStream.range(0, n).mapToObj(i -> new Tick("bulk", 0)).toList();
        JobOptions later = JobOptions.defaults().runAt(Instant.now().plusSeconds(86_400));
        long start = System.nanoTime();
        jobs.enqueueAll(NoopJob.class, ticks, later);
        long nanos = System.nanoTime() - start;
        return Map.of("n", n, "seconds", nanos / 1e9, "jobsPerSecond", n / (nanos / 1e9));
    }

    /**
     * Enqueues n jobs one call (one transaction) at a time from each of {@code callers} threads;
     * also reports the CPU time per job of the callers (the whole server's is read with {@link #cpu()}
     * around it, until every job has run).
     */
    @POST
    @Path("single")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> single(@QueryParam("n") int n, @QueryParam("callers") int callers,
            @QueryParam("later") boolean later) throws Exception {
        int each = n / callers;
        JobOptions options = later ? JobOptions.defaults().runAt(Instant.now().plusSeconds(86_400))
                : JobOptions.defaults();
        AtomicLong callerCpu = new AtomicLong();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            running.add(executor.submit(() -> {
                long cpuBefore = CpuTime.thread();
                for (int i = 0; i < each; i++) {
                    jobs.enqueue(NoopJob.class, new Tick("single", 0), options);
                }
                callerCpu.addAndGet(CpuTime.thread() - cpuBefore);
            }));
        }
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        long nanos = System.nanoTime() - start;
        double jobs = each * callers;
        // epoch microseconds, so the benchmark can add up nodes that ran at the same time
        long startMicros = startedAt.getEpochSecond() * 1_000_000 + startedAt.getNano() / 1_000;
        return Map.of("n", each * callers, "callers", callers, "seconds", nanos / 1e9,
                "jobsPerSecond", jobs / (nanos / 1e9), "startMicros", startMicros,
                "endMicros", startMicros + nanos / 1_000, "callerCpuMicrosPerJob", callerCpu.get() / 1e3 / jobs);
    }

    /**
     * Enqueues at a steady rate and reports the delay from each job's due time to its start: with
     * {@code delayMs} 0 the due time is the enqueue call, else each job is enqueued with that delay.
     */
    @POST
    @Path("latency")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> latency(@QueryParam("n") int n, @QueryParam("rate") int rate,
            @QueryParam("delayMs") long delayMs) throws Exception {
        String run = "latency-" + System.nanoTime();
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        JobOptions delayed = JobOptions.defaults().delay(Duration.ofMillis(delayMs));
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(next - System.nanoTime()); // pacing the load, not waiting for a result
            if (delayMs == 0) {
                jobs.enqueue(NoopJob.class, new Tick(run, System.nanoTime()));
            } else { // the tick's time is taken first: the job's due time is no earlier than it
                jobs.enqueue(NoopJob.class, new Tick(run, System.nanoTime() + delayMs * 1_000_000), delayed);
            }
            next += period;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60) + delayMs * 1_000_000;
        Queue<Long> seen = NoopJob.PICKUP_NANOS.computeIfAbsent(run, r -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        while (seen.size() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        List<Long> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        return Map.of("n", sorted.size(), "rate", rate,
                "p50Ms", percentile(sorted, 0.50) / 1e6, "p99Ms", percentile(sorted, 0.99) / 1e6,
                "maxMs", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    /** This server's CPU time so far, in nanoseconds: every thread of the JVM. */
    @GET
    @Path("cpu")
    @Produces(MediaType.TEXT_PLAIN)
    public String cpu() {
        return Long.toString(CpuTime.process());
    }

    /** This server's accumulated JIT compilation time, in milliseconds ({@link JitSettling}). */
    @GET
    @Path("jit")
    @Produces(MediaType.TEXT_PLAIN)
    public String jit() {
        return Long.toString(ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    /** Reports the heap's peak use since the previous call, and resets the peak. */
    @POST
    @Path("heap")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> heap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        return Map.of("peakMb", peak / (1024.0 * 1024.0),
                "maxMb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
    }

    /**
     * The ids of the jobs this node started (a bit set, Base64) after the number of times it
     * started an id it had started before, one per line.
     */
    @GET
    @Path("starts")
    @Produces(MediaType.TEXT_PLAIN)
    public String starts() {
        byte[] bits;
        synchronized (NoopJob.STARTED) {
            bits = NoopJob.STARTED.toByteArray();
        }
        return NoopJob.REPEATED_STARTS.get() + "\n" + Base64.getEncoder().encodeToString(bits);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
