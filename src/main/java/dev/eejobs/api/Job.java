package dev.eejobs.api;

/**
 * A job type: a CDI bean that does one kind of background work. Annotate the bean with
 * {@link BackgroundJob} to give it a unique name and its defaults, and with a scope
 * ({@code @ApplicationScoped} or {@code @Dependent}) so CDI discovers it. Whatever the job needs
 * is injected by CDI.
 *
 * <p>The argument type {@code A} must round-trip through JSON-B: a record, an enum, a class with a
 * no-argument constructor, a string, a number or a boolean.
 *
 * @param <A> the argument the job is enqueued with
 */
public interface Job<A> {

    /**
     * Runs one attempt. Returning normally marks the job SUCCEEDED; any {@link Throwable} is a
     * failed attempt that is retried according to the job's retry policy.
     *
     * @param argument the value the job was enqueued with, deserialised from JSON
     * @param context the job's id, attempt number and stop signal
     * @throws Exception to fail this attempt
     */
    void run(A argument, JobContext context) throws Exception;
}
