package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.engine.JobsAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Only job types annotated {@code httpEnqueue = true} may be enqueued over HTTP. */
@ApplicationScoped
class HttpEnqueuePolicy {

    @Inject
    JobsAdmin admin;

    void requireHttpEnqueue(String type) {
        if (!admin.acceptsHttpEnqueue(type)) {
            throw new InvalidJobException("type", "no job type named " + ApiProblem.quoted(type) + " accepts HTTP enqueue");
        }
    }
}
