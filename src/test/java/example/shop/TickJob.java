package example.shop;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fired by the shop's recurring schedule: counts its ticks in the shop's own bean. */
@ApplicationScoped
@BackgroundJob(name = "shop-tick")
public class TickJob implements Job<OrderPlaced> {

    @Inject
    Mailer mailer;

    @Override
    public void run(OrderPlaced tick, JobContext context) {
        mailer.confirm(tick.orderId());
    }
}
