package dev.eejobs.store;

import dev.eejobs.engine.ItDeployment;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage contract against the real store of the suite's database (H2, PostgreSQL with its
 * JDBC hot path, MariaDB), inside the server, where the store runs. The node runs no workers, so
 * nothing but the tests touches their jobs.
 */
@ExtendWith(ArquillianExtension.class)
class StoreContractIT extends JobStoreContract {

    @Deployment
    static WebArchive deployment() {
        return ItDeployment.war("store-contract-it", "jobs.enabled=false", StoreContractIT.class,
                JobStoreContract.class);
    }

    @Inject
    JobStore store;

    @Override
    protected JobStore store() {
        return store;
    }
}
