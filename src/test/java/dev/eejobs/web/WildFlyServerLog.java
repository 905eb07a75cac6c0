package dev.eejobs.web;

import dev.eejobs.engine.ItServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server errors in WildFly's log, counted before and after a storm: a request that failed inside
 * the server is logged there even when its answer was fixed up by an error page. Elsewhere (Payara
 * started by Arquillian keeps no log file of its own) there is nothing to count.
 */
final class WildFlyServerLog {

    /**
     * How WildFly logs a request that failed inside the server, and how the module logs one that
     * reached its error page with an exception: Elytron threw on malformed Basic credentials, each
     * logged with its stack trace, until {@link UndertowLoginGuard} dropped them first.
     */
    static final Pattern SERVER_ERRORS = Pattern.compile("UT005023|eejobs API incident");

    private WildFlyServerLog() {}

    /** @return WildFly's server log (the suite's server keeps one across deployments), or null elsewhere */
    static Path path() {
        String home = System.getProperty("eejobs.wildfly.home");
        return ItServer.wildfly() && home != null ? Path.of(home, "standalone", "log", "server.log") : null;
    }

    /** @return how many lines of the log are server errors so far; 0 where there is no log */
    static long serverErrors() {
        Path log = path();
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> SERVER_ERRORS.matcher(line).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
