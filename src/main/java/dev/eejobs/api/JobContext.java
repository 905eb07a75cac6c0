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

    /**
     * Whether an operator asked for this job to be cancelled ({@link JobQueue#cancel(JobId)}, on
     * any node). The engine interrupts the job as well; once this is true the job ends CANCELLED
     * whatever it returns.
     *
     * @return whether a cancel was requested
     */
    boolean cancelRequested();

    /**
     * Reports how far the job got. Only the latest report is kept and it is written with the next
     * lease renewal (not one statement per call), so calling it often is cheap; the job's view
     * shows it while the job runs and after.
     *
     * @param percent 0 to 100; values outside are clamped
     * @param message what the job is doing, at most {@value #MAX_MESSAGE} characters kept, or null
     */
    void progress(int percent, String message);

    /**
     * Adds a line to the job's log, kept with the attempt number and time. Lines are buffered
     * and written with the next lease renewal; at most {@value #MAX_LOG_LINES} lines per attempt
     * are kept (later ones are dropped, and one marker line says so), each at most
     * {@value #MAX_MESSAGE} characters.
     *
     * @param message the line; null is written as "null"
     */
    void log(String message);

    /** Longest progress message or log line kept; longer ones are cut and end in an ellipsis. */
    int MAX_MESSAGE = 500;

    /** Most log lines kept per attempt. */
    int MAX_LOG_LINES = 100;
}
