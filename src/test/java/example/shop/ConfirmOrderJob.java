package example.shop;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends the confirmation through the shop's own bean and records it with the shop's own unit. */
@ApplicationScoped
@BackgroundJob(name = "shop-confirm", httpEnqueue = true)
public class ConfirmOrderJob implements Job<OrderPlaced> {

    @Inject
    Mailer mailer;

    @Inject
    Orders orders;

    @Override
    public void run(OrderPlaced order, JobContext context) {
        mailer.confirm(order.orderId());
        orders.markMailed(order.orderId());
    }
}
