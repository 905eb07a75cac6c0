package dev.eejobs.engine;

import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Collection;

/**
 * One page of a bulk action in a transaction of its own: each job goes through the same store
 * operation as the single-job action (so the state machine and its guards are the same), and
 * the page commits or rolls back as a whole.
 */
@ApplicationScoped
class BulkPages {

    /** The single-job operations a bulk action repeats. */
    enum Action {
        RETRY, CANCEL, DELETE
    }

    @Inject
    JobStore store;

    @Inject
    JobQueries queries;

    /** @return how many of the jobs the action changed */
    @Transactional(TxType.REQUIRES_NEW)
    int apply(Action action, Collection<Long> ids, Instant now) {
        int changed = 0;
        for (long id : ids) {
            boolean done = switch (action) {
                case RETRY -> store.revive(id, now);
                case CANCEL -> store.cancel(id, now);
                case DELETE -> queries.deleteFinished(id);
            };
            changed += done ? 1 : 0;
        }
        return changed;
    }
}
