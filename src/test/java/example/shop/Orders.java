package example.shop;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;

/** The shop's service: its own unit through an unnamed persistence context, jobs in the same transaction. */
@ApplicationScoped
public class Orders {

    @PersistenceContext
    EntityManager em;

    @Inject
    JobQueue jobs;

    /** Stores the order and its confirmation job: both or neither. */
    @Transactional
    public JobId place(String orderId, String customer, boolean failAfterEnqueue, Duration delay) {
        Order order = new Order();
        order.id = orderId;
        order.customer = customer;
        em.persist(order);
        JobId job = jobs.enqueue(ConfirmOrderJob.class, new OrderPlaced(orderId),
                delay == null ? JobOptions.defaults() : JobOptions.defaults().delay(delay));
        if (failAfterEnqueue) {
            throw new PlacementFailed(job);
        }
        return job;
    }

    @Transactional
    public void markMailed(String orderId) {
        Order order = em.find(Order.class, orderId);
        if (order != null) {
            order.mailed();
        }
    }

    @Transactional
    public Order find(String orderId) {
        return em.find(Order.class, orderId);
    }

    /** The shop's own failure, carrying the id the rolled-back enqueue had returned. */
    public static class PlacementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final transient JobId job;

        PlacementFailed(JobId job) {
            super("placement failed after the enqueue");
            this.job = job;
        }
    }
}
