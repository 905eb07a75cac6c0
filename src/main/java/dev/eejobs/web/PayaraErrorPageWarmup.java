package dev.eejobs.web;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works around a race in Payara's error-page dispatch, so that the first refusals after a start all
 * get their problem bodies.
 *
 * <p>Payara's virtual server ({@code org.apache.catalina.core.StandardHost}) builds the helper it
 * consults on every error-page dispatch lazily, on the first one, and publishes it before giving it
 * the host: {@code deployer = newInstance(); deployer.setHost(this)}, unsynchronised. A request
 * whose error page is dispatched between those two steps by another thread fails inside Payara
 * ({@code NullPointerException ... "this.host" is null}, logged as {@code AS-WEB-CORE-00037}) and
 * goes out with its status and an empty body. Seen about once in twenty hostile storms on a fresh
 * server (Payara Micro 6.2025.10; 7.2026.11 has the same code).
 *
 * <p>Building that helper once while the application deploys, on one thread and before it serves
 * anything, closes the window. The server's own classes are reached by reflection because the
 * application cannot link against them; on any other server, or a Payara whose internals differ,
 * this does nothing and says so at FINE.
 */
final class PayaraErrorPageWarmup {

    private static final Logger LOG = Logger.getLogger(PayaraErrorPageWarmup.class.getName());
    private static final String FACADE = "org.apache.catalina.core.ApplicationContextFacade";

    private PayaraErrorPageWarmup() {
    }

    /** @param servletContext the application's servlet context, as the container hands it to a servlet */
    static void prepare(ServletContext servletContext) {
        if (!FACADE.equals(servletContext.getClass().getName())) {
            return; // not Payara (or GlassFish): nothing to prepare
        }
        try {
            Object applicationContext = field(servletContext, "context");
            Object webModule = field(applicationContext, "context");
            Object host = webModule.getClass().getMethod("getParent").invoke(webModule);
            Method getDeployer = host.getClass().getMethod("getDeployer");
            getDeployer.invoke(host);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Payara's error-page dispatch not prepared; its internals differ", e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
}
