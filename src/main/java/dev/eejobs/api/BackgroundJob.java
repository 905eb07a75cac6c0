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
}
