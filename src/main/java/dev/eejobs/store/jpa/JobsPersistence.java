package dev.eejobs.store.jpa;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.config.ServerResources;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The module's database: the datasource {@code jobs.datasource} names, and the persistence unit
 * over it ({@link ModuleUnitInfo}) built with whichever JPA provider the server has — EclipseLink
 * on Payara, Hibernate on WildFly. Its EntityManager works like a container's transaction-scoped
 * one: one per JTA transaction, closed when the transaction ends. Entities are not woven, so the
 * provider needs no class transformer; their few columns make change detection cheap.
 *
 * <p>{@link #open()} must run on a thread with the application's naming context (the startup
 * listener): the JNDI lookups happen there, once.
 */
@ApplicationScoped
public class JobsPersistence {

    private static final Logger LOG = Logger.getLogger(JobsPersistence.class.getName());

    private static final String RESOURCE_KEY = JobsPersistence.class.getName() + ".entityManager";

    @Inject
    JobsConfig config;

    @Inject
    ServerResources server;

    private volatile DataSource dataSource;
    private volatile SqlDialect dialect;
    private volatile EntityManagerFactory factory;
    private final EntityManager sharedProxy = (EntityManager) Proxy.newProxyInstance(
            JobsPersistence.class.getClassLoader(), new Class<?>[] {EntityManager.class},
            (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "eejobs transaction-scoped EntityManager";
                    };
                }
                try {
                    return method.invoke(current(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    /**
     * Looks the datasource up and builds the persistence unit, once.
     *
     * @throws IllegalStateException naming {@code jobs.datasource} or the provider when either is missing
     */
    synchronized void open() {
        if (factory != null) {
            return;
        }
        DataSource ds = ServerResources.lookup(config.datasource(), DataSource.class, "jobs.datasource");
        SqlDialect d;
        try (Connection c = ds.getConnection()) {
            d = SqlDialect.of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the jobs database (jobs.datasource = "
                    + config.datasource() + "): " + e.getMessage(), e);
        }
        PersistenceProvider provider = provider();
        String name = provider.getClass().getName();
        factory = provider.createContainerEntityManagerFactory(
                new ModuleUnitInfo(name, ds, properties(name)), Map.of());
        dataSource = ds;
        dialect = d;
    }

    /** @return the datasource {@code jobs.datasource} names */
    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            open();
            ds = dataSource;
        }
        return ds;
    }

    /** @return whether the jobs database is PostgreSQL (connecting once to find out) */
    public boolean onPostgresql() {
        return dialect() == SqlDialect.POSTGRESQL;
    }

    SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            open();
            d = dialect;
        }
        return d;
    }

    /** The module's EntityManager: it acts on the current JTA transaction's persistence context. */
    @Produces
    @ModuleUnit
    EntityManager entityManager() {
        return sharedProxy;
    }

    private EntityManager current() {
        TransactionSynchronizationRegistry transactions = server.transactions();
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("the jobs EntityManager needs an active JTA transaction");
        }
        EntityManager em = (EntityManager) transactions.getResource(RESOURCE_KEY);
        if (em == null) {
            if (factory == null) {
                open();
            }
            EntityManager created = factory.createEntityManager();
            created.joinTransaction();
            transactions.putResource(RESOURCE_KEY, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    created.close();
                }
            });
            em = created;
        }
        return em;
    }

    private static PersistenceProvider provider() {
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new IllegalStateException("the server offers no JPA provider (jakarta.persistence.spi.PersistenceProvider)");
        }
        return providers.get(0);
    }

    /** Settings for the provider at hand; each provider ignores the others' keys. */
    private static Properties properties(String provider) {
        Properties p = new Properties();
        p.put("jakarta.persistence.schema-generation.database.action", "none"); // Flyway owns the schema
        if (provider.startsWith("org.eclipse.persistence")) {
            if (bound("java:appserver/TransactionManager")) {
                p.put("eclipselink.target-server", "Glassfish"); // Payara
            }
            p.put("eclipselink.weaving", "false");
            p.put("eclipselink.ddl-generation", "none");
            p.put("eclipselink.jdbc.batch-writing", "JDBC");
            p.put("eclipselink.jdbc.batch-writing.size", "500");
            p.put("eclipselink.logging.level", "WARNING");
            try {
                p.put("eclipselink.session.customizer", EclipseLinkQueryRetry.class.getName());
            } catch (LinkageError e) { // an EclipseLink without sessions.SessionCustomizer: keep its retries
                LOG.warning(() -> "EclipseLink's read retries stay at its defaults: " + e);
            }
        } else if (provider.startsWith("org.hibernate")) {
            p.put("hibernate.transaction.jta.platform",
                    "org.hibernate.engine.transaction.jta.platform.internal.JBossAppServerJtaPlatform");
            p.put("hibernate.jdbc.batch_size", "500");
        }
        return p;
    }

    private static boolean bound(String name) {
        try {
            return InitialContext.doLookup(name) != null;
        } catch (NamingException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        EntityManagerFactory f = factory;
        if (f != null && f.isOpen()) {
            f.close();
        }
    }
}
