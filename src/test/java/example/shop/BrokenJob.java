package example.shop;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Always fails: with two retries it must die after exactly three attempts. */
@ApplicationScoped
@BackgroundJob(name = "shop-broken", maxRetries = 2, backoff = "fixed(200ms)")
public class BrokenJob implements Job<OrderPlaced> {

    @Override
    public void run(OrderPlaced order, JobContext context) {
        throw new IllegalStateException("shop-broken fails attempt " + context.attempt() + " of " + order.orderId());
    }
}
