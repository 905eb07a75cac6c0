package dev.eejobs.engine;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the integration tests deploy: the module exactly as packaged ({@code target/eejobs.war}),
 * plus the test job types, the test libraries and settings that shorten the engine's intervals.
 */
public final class ItDeployment {

    private ItDeployment() {}

    private static String text(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebArchive war(String name, String settings, Class<?>... testClasses) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/eejobs.war"));
        WebArchive named = ShrinkWrap.create(WebArchive.class, name + ".war").merge(war);
        named.addClasses(ItJobs.class, ItJobs.Mark.class, ItJobs.RecordJob.class, ItJobs.FailJob.class,
                ItJobs.FatalOnceJob.class, ItJobs.LongJob.class, ItJobs.Followup.class, ItJobs.FollowupWriter.class,
                ItJobs.TransactionalJob.class);
        named.addClasses(testClasses);
        // the test's settings come after the demo's own (jobs.http.path), which they must not drop
        String config = "WEB-INF/classes/META-INF/microprofile-config.properties";
        String demo = named.contains(config) ? text(named.get(config).getAsset()) + "\n" : "";
        named.delete(config);
        named.addAsResource(new StringAsset(demo + settings), "META-INF/microprofile-config.properties");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (Arrays.asList("assertj-core", "awaitility", "hamcrest").stream().anyMatch(file::startsWith)) {
                named.addAsLibrary(new File(entry));
            }
        }
        return named;
    }
}
