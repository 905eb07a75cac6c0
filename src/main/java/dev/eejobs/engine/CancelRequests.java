package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import java.util.logging.Logger;

/**
 * Acts on an operator's request to cancel a job this node holds, however it learnt of it (the
 * heartbeat's answer or, sooner, a notification): a running attempt is interrupted
 * ({@link dev.eejobs.api.StopReason#CANCELLED}) and will end CANCELLED whatever it returns; a job
 * waiting for a worker is marked, so the worker writes it CANCELLED instead of starting it. Ids
 * of jobs this node does not hold are ignored.
 */
final class CancelRequests {

    private static final Logger LOG = Logger.getLogger(CancelRequests.class.getName());

    private final InFlightJobs inFlight;
    private final WaitingJobs waiting;
    private final Ticker ticker;

    CancelRequests(InFlightJobs inFlight, WaitingJobs waiting, Ticker ticker) {
        this.inFlight = inFlight;
        this.waiting = waiting;
        this.ticker = ticker;
    }

    void requested(long id) {
        for (JobExecution execution : inFlight.snapshot()) {
            ClaimedJob job = execution.job();
            if (job.id() == id && !execution.isFinished() && execution.stopForCancel(ticker.nanos())) {
                LOG.info(() -> "job " + id + " (" + job.type() + "): cancel requested; interrupting attempt "
                        + job.attempts());
            }
        }
        waiting.all().stream().filter(w -> w.job().id() == id).forEach(WaitingJobs.Waiting::cancelRequested);
    }
}
