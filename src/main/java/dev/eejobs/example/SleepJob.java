package dev.eejobs.example;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sleeps in steps, reporting progress and a log line after each, so the job controls can be tried
 * with curl: watch its progress, cancel it, give it a {@code timeout=} shorter than its sleep.
 * Honours interruption (the sleep throws), so cancel and timeout stop it at once; {@code fail}
 * makes it throw after the last step, to try retries and the attempt history.
 */
@ApplicationScoped
@BackgroundJob(name = "demo-sleep", httpEnqueue = true, maxRetries = 2, backoff = "fixed(5s)")
public class SleepJob implements Job<SleepJob.Sleep> {

    /**
     * The demo job's argument, checked when it is enqueued.
     *
     * @param millis how long to sleep in all, 0 to 3,600,000 (one hour)
     * @param steps in how many steps, 1 to 1,000; progress is reported after each
     * @param fail whether to throw after the last step
     */
    public record Sleep(long millis, int steps, boolean fail) {

        /** Longest sleep accepted: one hour. */
        public static final long MAX_MILLIS = 3_600_000;

        /** Most steps accepted. */
        public static final int MAX_STEPS = 1_000;

        /**
         * @throws InvalidJobException naming {@code millis} or {@code steps} if out of bounds
         */
        public Sleep {
            if (millis < 0 || millis > MAX_MILLIS) {
                throw new InvalidJobException("millis", "must be 0 to " + MAX_MILLIS
                        + " (one hour), was " + millis);
            }
            if (steps < 1 || steps > MAX_STEPS) {
                throw new InvalidJobException("steps", "must be 1 to " + MAX_STEPS + ", was " + steps);
            }
        }
    }

    @Override
    public void run(Sleep sleep, JobContext context) throws InterruptedException {
        context.log("sleeping " + sleep.millis() + " ms in " + sleep.steps() + " steps (attempt " + context.attempt()
                + ")");
        long step = sleep.millis() / sleep.steps();
        for (int i = 1; i <= sleep.steps(); i++) {
            Thread.sleep(i == sleep.steps() ? sleep.millis() - step * (sleep.steps() - 1) : step);
            int percent = (int) (100L * i / sleep.steps());
            context.progress(percent, "step " + i + " of " + sleep.steps());
            context.log("step " + i + " of " + sleep.steps() + " done");
        }
        if (sleep.fail()) {
            throw new IllegalStateException("demo-sleep failed on purpose (\"fail\": true)");
        }
    }
}
