package dev.eejobs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server objects the module uses, found by JNDI name. The module never uses {@code @Resource}:
 * in a library jar (WEB-INF/lib) servers do not bind the references that annotation declares —
 * Payara fails the deployment over it — while a lookup of a standard or configured name works from
 * any thread that carries the application's naming context.
 */
@ApplicationScoped
public class ServerResources {

    /** The standard name of the transaction synchronization registry. */
    static final String TRANSACTIONS = "java:comp/TransactionSynchronizationRegistry";

    private volatile TransactionSynchronizationRegistry transactions;

    /** @return the transaction synchronization registry; looked up on first use */
    public TransactionSynchronizationRegistry transactions() {
        TransactionSynchronizationRegistry t = transactions;
        if (t == null) {
            t = lookup(TRANSACTIONS, TransactionSynchronizationRegistry.class, null);
            transactions = t;
        }
        return t;
    }

    /**
     * @param name a JNDI name
     * @param type what must be bound there
     * @param key the configuration key the name came from, named in the error, or null
     * @param <T> the type
     * @return the object bound under the name
     * @throws IllegalStateException naming the key and the name when nothing of that type is bound
     */
    public static <T> T lookup(String name, Class<T> type, String key) {
        String what = (key == null ? "" : key + " = ") + name;
        Object found;
        try {
            found = InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(what + ": no " + type.getSimpleName() + " is bound there", e);
        }
        if (!type.isInstance(found)) {
            throw new IllegalStateException(what + " is a " + (found == null ? "null" : found.getClass().getName())
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(found);
    }
}
