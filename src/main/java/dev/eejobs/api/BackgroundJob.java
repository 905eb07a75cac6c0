package dev.eejobs.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link Job} bean and sets its defaults. Attributes left at their defaults take the
 * global setting from MicroProfile Config ({@code jobs.queue}, {@code jobs.max-retries},
 * {@code jobs.backoff}, {@code jobs.heartbeat}); per-call {@link JobOptions} override both.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @BackgroundJob(name = "send-welcome-mail", queue = "mail", maxRetries = 3, backoff = "fixed(30s)")
 * class SendWelcomeMail implements Job<Signup> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BackgroundJob {

    /** Marks an attribute as not set, so the global default applies. */
    int INHERIT = Integer.MIN_VALUE;

    /** @return the job type's unique name; stored on every job, so keep it stable */
    String name();

    /** @return the queue, or empty for {@code jobs.queue} */
    String queue() default "";

    /** @return retries after the first attempt, {@link JobOptions#UNLIMITED}, or {@link #INHERIT} */
    int maxRetries() default INHERIT;

    /** @return a {@link Backoff} in text form, e.g. {@code exponential(2)}, or empty to inherit */
    String backoff() default "";

    /** @return the heartbeat interval, e.g. {@code 5s}, or empty to inherit */
    String heartbeat() default "";

    /** @return the default priority; higher runs first */
    int priority() default 0;

    /**
     * @return how long one attempt may run, e.g. {@code 30s} or {@code 10m} (from 1 ms to 100
     *     years), or empty for {@code jobs.timeout} (default: no limit). At the deadline the job
     *     is interrupted ({@link StopReason#TIMEOUT}); the attempt fails with "timed out after
     *     30s" and is retried per the retry policy
     */
    String timeout() default "";

    /** @return whether the HTTP API may enqueue this type; off unless the type opts in */
    boolean httpEnqueue() default false;

    /**
     * {@link #uniqueKey()} value meaning "the argument is the key": two jobs of the type with equal
     * arguments (compared as canonical JSON) are duplicates. Keys longer than 200 characters are
     * replaced by {@code sha256:} and the hex digest of the JSON.
     */
    String ARGUMENT_KEY = "#argument";

    /**
     * Makes every job of the type unique (see {@link JobOptions#uniqueKey}) without each caller
     * passing a key: {@link #ARGUMENT_KEY} derives it from the argument, any other text is the
     * key itself (so at most one job of the type is active at a time). A key passed in
     * {@link JobOptions#uniqueKey} wins.
     *
     * <pre>{@code
     * @BackgroundJob(name = "refresh-customer", uniqueKey = BackgroundJob.ARGUMENT_KEY)
     * class RefreshCustomer implements Job<CustomerId> { ... }
     * }</pre>
     *
     * @return {@link #ARGUMENT_KEY}, a fixed key, or empty for jobs that are not unique
     */
    String uniqueKey() default "";

    /**
     * @return how long a SUCCEEDED job still deduplicates (see {@link JobOptions#uniqueFor}), e.g.
     *     {@code 1h}, or empty for only QUEUED and RUNNING jobs
     */
    String uniqueFor() default "";
}
