package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobStoreContract;

/** The unit tier's store keeps the contract the real stores keep, so the engine's unit tests mean something. */
class InMemoryJobStoreContractTest extends JobStoreContract {

    private final InMemoryJobStore store = new InMemoryJobStore();

    @Override
    protected JobStore store() {
        return store;
    }
}
