package dev.eejobs.engine;

import dev.eejobs.api.spi.JobEvents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands every engine event to each {@link JobEvents} bean; a listener that throws never stops the engine. */
@ApplicationScoped
class JobEventBus implements JobEvents {

    private static final Logger LOG = Logger.getLogger(JobEventBus.class.getName());

    @Inject
    @Any
    Instance<JobEvents> beans;

    private List<JobEvents> listeners = List.of();

    @PostConstruct
    void collect() {
        listeners = beans.stream().filter(l -> !(l instanceof JobEventBus)).toList();
    }

    private void each(Consumer<JobEvents> event) {
        for (JobEvents listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job event listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    @Override
    public void enqueued(String type, String queue, int count) {
        each(l -> l.enqueued(type, queue, count));
    }

    @Override
    public void deduplicated(String type, String queue) {
        each(l -> l.deduplicated(type, queue));
    }

    @Override
    public void startedAtEnqueue(String type, String queue) {
        each(l -> l.startedAtEnqueue(type, queue));
    }

    @Override
    public void started(String type, String queue, Duration pickupLatency) {
        each(l -> l.started(type, queue, pickupLatency));
    }

    @Override
    public void succeeded(String type, String queue, Duration runTime) {
        each(l -> l.succeeded(type, queue, runTime));
    }

    @Override
    public void failed(String type, String queue, Duration runTime, boolean willRetry) {
        each(l -> l.failed(type, queue, runTime, willRetry));
    }

    @Override
    public void leaseExpired(String type, String queue, boolean willRetry) {
        each(l -> l.leaseExpired(type, queue, willRetry));
    }

    @Override
    public void fencedWrite(String type, String queue) {
        each(l -> l.fencedWrite(type, queue));
    }

    @Override
    public void stoppedForLease(String type, String queue) {
        each(l -> l.stoppedForLease(type, queue));
    }

    @Override
    public void timedOut(String type, String queue) {
        each(l -> l.timedOut(type, queue));
    }

    @Override
    public void cancelledWhileRunning(String type, String queue) {
        each(l -> l.cancelledWhileRunning(type, queue));
    }

    @Override
    public void scheduleFired(String schedule) {
        each(l -> l.scheduleFired(schedule));
    }

    @Override
    public void scheduleSkipped(String schedule) {
        each(l -> l.scheduleSkipped(schedule));
    }

    @Override
    public void stopIgnored(String type, String queue) {
        each(l -> l.stopIgnored(type, queue));
    }

    @Override
    public void loopRestarted(String loop) {
        each(l -> l.loopRestarted(loop));
    }

    @Override
    public void engineRunning(boolean running) {
        each(l -> l.engineRunning(running));
    }
}
