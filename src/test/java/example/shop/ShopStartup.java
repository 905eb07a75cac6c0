package example.shop;

import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;

/** Declares the shop's recurring schedule at startup, with no ordering against the jobs module. */
@ApplicationScoped
public class ShopStartup {

    @Inject
    JobQueue jobs;

    void declare(@Observes Startup startup) {
        jobs.every("shop-tick", Duration.ofSeconds(1), TickJob.class, new OrderPlaced("tick"));
    }
}
