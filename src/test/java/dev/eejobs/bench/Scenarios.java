package dev.eejobs.bench;

import dev.eejobs.bench.Results.Scenario;
import java.util.Locale;

/** The scenarios of the README's tables, named once so eejobs and its peers report the same ones. */
final class Scenarios {

    private Scenarios() {}

    static Scenario drain(int n) {
        return new Scenario("drain_" + n, "drain of " + count(n) + " preloaded jobs", "jobs/s", true);
    }

    static Scenario bulk(int n) {
        return new Scenario("bulk_enqueue", "bulk enqueue, " + count(n) + " jobs in one call", "jobs/s", true);
    }

    static Scenario httpBatches(int n) {
        return new Scenario("bulk_enqueue_http", "bulk over HTTP, " + count(n) + " jobs in 1,000-job requests",
                "jobs/s", true);
    }

    static Scenario single(int callers) {
        return new Scenario("enqueue_single_" + callers + "_callers", "one-by-one enqueue, " + callers
                + (callers == 1 ? " caller" : " callers") + ", workers running", "jobs/s", true);
    }

    /**
     * The same one-by-one enqueue counted until every job has run, not until the callers return: a
     * system that lets a backlog build up while its callers run pays for it here.
     */
    static Scenario singleDone(int callers) {
        return new Scenario("enqueue_single_" + callers + "_callers_all_run", "  the same, until every job has run",
                "jobs/s", true);
    }

    /** One-by-one enqueue of jobs due tomorrow: the enqueue path alone, with no claims or runs beside it. */
    static Scenario singleNotDue(int callers) {
        return new Scenario("enqueue_single_" + callers + "_callers_not_due", "one-by-one enqueue, " + callers
                + (callers == 1 ? " caller" : " callers") + ", jobs not due (nothing claimed)", "jobs/s", true);
    }

    /**
     * CPU time per job of one-by-one enqueue (the job's run included): {@code where} is
     * {@code caller} (the enqueuing threads), {@code jvm} (the whole server or, for a peer, the
     * JVM it runs in), {@code postgres} (the database server, where it is the benchmark's own) or
     * {@code total} (the JVM and the database server together: on one machine, work moves between
     * them — on loopback TCP the sender's system call delivers the message and wakes the receiver —
     * so only the sum is the whole cost of a job).
     */
    static Scenario cpu(int callers, String where) {
        String whose = switch (where) {
            case "caller" -> "caller thread";
            case "jvm" -> "JVM (callers, claims, workers)";
            case "total" -> "JVM and PostgreSQL together";
            default -> "PostgreSQL";
        };
        return new Scenario("enqueue_single_" + callers + "_callers_cpu_" + where, "  CPU per job, " + whose
                + ", " + callers + (callers == 1 ? " caller" : " callers"), "µs/job", false);
    }

    static Scenario latency(String percentile, int rate) {
        return new Scenario("pickup_latency_" + percentile + "_at_" + rate + "_per_s",
                "pickup latency " + percentile + " at a steady " + rate + " jobs/s", "ms", false);
    }

    /** The delay of the jobs whose lateness {@link #delayed} measures. */
    static final long DELAY_MS = 500;

    static Scenario delayed(String percentile, int rate) {
        return new Scenario("delayed_lateness_" + percentile + "_at_" + rate + "_per_s",
                "lateness " + percentile + " of jobs delayed " + DELAY_MS + " ms, " + rate + " jobs/s", "ms", false);
    }

    static Scenario nodesDrain(int n, int k) {
        return new Scenario("nodes_drain_" + k + "_nodes", "drain of " + count(n) + " preloaded jobs on " + k
                + " nodes", "jobs/s", true);
    }

    static Scenario nodesSingle(int k) {
        return new Scenario("nodes_enqueue_single_" + k + "_nodes", "one-by-one enqueue, 1 caller per node on " + k
                + " nodes", "jobs/s", true);
    }

    static Scenario nodesSingleDone(int k) {
        return new Scenario("nodes_enqueue_single_all_run_" + k + "_nodes", "  the same on " + k
                + " nodes, until every job has run", "jobs/s", true);
    }

    static Scenario nodesCount(String metric, String label, int k) {
        return new Scenario("nodes_" + metric + "_" + k + "_nodes", label + " on " + k + " nodes", "count", false);
    }

    static Scenario scaleDrain(int n) {
        return new Scenario("scale_drain_" + n, "drain of " + count(n), "jobs/s", true);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
