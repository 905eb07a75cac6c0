package dev.eejobs.api;

/** What a running job may know about its own execution. */
public interface JobContext {

    /** @return the id of the job being run */
    JobId jobId();

    /** @return the attempt being run, starting at 1 */
    int attempt();

    /**
     * A long-running job should poll this and return (or throw) soon after it turns true: the
     * server is shutting down, or this worker lost its lease and another may take the job over.
     * The engine also interrupts the job's thread then; a job stops in time only if it honours
     * either (blocking calls that throw {@link InterruptedException} do so by themselves).
     *
     * @return whether the job should stop as soon as it safely can
     */
    boolean stopRequested();

    /**
     * @return why the job is asked to stop, {@link StopReason#NONE} while it is not; after
     *     {@link StopReason#LEASE_LOST} whatever the job returns is discarded
     */
    StopReason stopReason();
}
