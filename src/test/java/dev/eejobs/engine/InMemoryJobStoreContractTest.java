package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobStoreContract;
import java.time.Clock;

/** The unit tier's store keeps the contract the real stores keep, so the engine's unit tests mean something. */
class InMemoryJobStoreContractTest extends JobStoreContract {

    private final InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC()); // leases by real time, like a database's

    @Override
    protected JobStore store() {
        return store;
    }
}
