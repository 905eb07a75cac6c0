package dev.eejobs.engine;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts the engine when the web module is initialised and drains it when the module stops.
 * Declared in the jar's {@code META-INF/web-fragment.xml}, so a WAR that embeds the jar gets it
 * without a line of configuration; a servlet context listener exists for library jars on every
 * server, unlike EJB startup beans or CDI's application-scope events, which fire before the rest of
 * the application is up when they come from a library. Public only because the container
 * instantiates it.
 */
public class EngineStarter implements ServletContextListener {

    @Inject
    JobSupervisor supervisor;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        supervisor.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        supervisor.stop();
    }
}
