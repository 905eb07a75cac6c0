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
     *
     * @return whether the job should stop as soon as it safely can
     */
    boolean stopRequested();
}
