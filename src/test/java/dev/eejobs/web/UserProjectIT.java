package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static dev.eejobs.web.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module as a new user gets it by following README "Use it in your application" to the
 * letter: this repository's jar installed into the local Maven repository, a project of the
 * user's own ({@code src/it/signup}: the README's ten-line example behind a JAX-RS resource of its
 * own) that depends on it by its coordinates and has no descriptor of any kind, built by Maven,
 * and its WAR started by a plain Payara Micro command with the demo users. {@link EmbeddingIT}
 * deploys a user's WAR assembled by the test; this one lets Maven resolve what the WAR carries,
 * as it will for the user.
 */
class UserProjectIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static File war;
    private static PayaraMicroProcess server;
    private static ApiClient http;

    @BeforeAll
    static void buildTheUsersProjectWithMavenAndStartItsWar() throws Exception {
        Path basedir = Path.of(System.getProperty("eejobs.basedir", ".")).toAbsolutePath();
        Path work = basedir.resolve("target/user-project");
        deleteRecursively(work);
        Path project = work.resolve("signup");
        copyRecursively(basedir.resolve("src/it/signup"), project);
        // README: "mvn install -DskipTests" in this repository; the jar and POM this build made are installed as is
        maven(work, "install", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                "-Dfile=" + basedir.resolve("target/eejobs-classes.jar"), "-DpomFile=" + basedir.resolve("pom.xml"),
                "-Dclassifier=classes", "-Dpackaging=jar");
        maven(project, "package", "package");
        war = project.resolve("target/signup.war").toFile();
        assertThat(war).as("Maven built the user's WAR").isFile();

        server = PayaraMicroProcess.startOnH2(war, "user-project-payara.log");
        http = new ApiClient(new URL("http://127.0.0.1:" + server.port + "/signup/"));
        server.awaitReady(Duration.ofMillis(500), () -> http.get("/health/ready", null).status() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_war_maven_builds_carries_the_jar_and_its_own_dependencies_and_nothing_the_server_provides() throws IOException {
        List<String> libs;
        try (ZipFile zip = new ZipFile(war)) {
            libs = zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("WEB-INF/lib/".length())).toList();
        }
        assertThat(libs).contains("eejobs-0.1.0-SNAPSHOT-classes.jar")
                .anySatisfy(lib -> assertThat(lib).startsWith("flyway-core-"))
                .anySatisfy(lib -> assertThat(lib).startsWith("flyway-database-postgresql-"));
        assertThat(libs).as("nothing the server provides (APIs, drivers, Undertow)")
                .noneMatch(lib -> lib.matches("(jakarta|microprofile|undertow|postgresql|mariadb|h2).*"));
    }

    @Test
    void a_signup_enqueues_its_welcome_mail_in_its_transaction_and_the_job_runs_with_the_application_s_bean() {
        ApiClient.Reply signedUp = http.post("api/signups/ada@example.com", null, "");
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        String id = signedUp.body();

        await().atMost(PATIENCE).until(() -> job(id).getString("status").equals("SUCCEEDED"));
        JsonObject job = job(id);
        assertThat(job.getString("type")).isEqualTo("send-welcome-mail");
        assertThat(job.getString("queue")).as("the annotation's queue").isEqualTo("mail");
        assertThat(job.getInt("maxRetries")).as("the annotation's retries").isEqualTo(3);
        assertThat(welcomed()).as("the job ran with the application's own Mailer").contains("ada@example.com");
    }

    @Test
    void a_signup_whose_transaction_rolls_back_leaves_no_job() {
        ApiClient.Reply failed = http.post("api/signups/rolled-back@example.com?fail=true", null, "");
        assertThat(failed.status()).isEqualTo(409);
        String id = failed.body();

        assertThat(http.get("jobs-api/jobs/" + id, DEMO).status()).as("job " + id + " is not stored").isEqualTo(404);
        assertThat(welcomed()).doesNotContain("rolled-back@example.com");
    }

    @Test
    void the_module_s_http_api_at_jobs_api_enqueues_for_a_producer_and_names_what_it_refuses() {
        String body = "{\"email\":\"grace@example.com\"}";
        ApiClient.Reply anonymous = http.post("jobs-api/jobs/send-welcome-mail", null, body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        ApiClient.Reply accepted = http.post("jobs-api/jobs/send-welcome-mail", PRODUCER, body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Location")).endsWith("/signup/jobs-api/jobs/" + accepted.json().getString("id"));
        await().atMost(PATIENCE).until(() -> welcomed().contains("grace@example.com"));

        ApiClient.Reply misspelt = http.post("jobs-api/jobs/send-welcome-mail", PRODUCER, "{\"emial\":\"x@example.com\"}");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.contentType()).startsWith("application/problem+json");
        assertThat(misspelt.json().getString("field")).isEqualTo("argument");
    }

    @Test
    void the_server_s_health_carries_the_module_s_checks() {
        ApiClient.Reply health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"eejobs-startup\"", "\"eejobs-engine\"", "\"eejobs-store\"");
    }

    private static JsonObject job(String id) {
        return http.get("jobs-api/jobs/" + id, DEMO).json();
    }

    private static List<String> welcomed() {
        return http.get("api/signups/welcomed", null).structure().asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** Runs Maven as the user would, with the build's own Maven and local repository; fails with its output. */
    private static void maven(Path directory, String logName, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String home = System.getProperty("maven.home");
        command.add(home == null ? "mvn" : Path.of(home, "bin", "mvn").toString());
        command.add("-B");
        String repository = System.getProperty("eejobs.localRepository");
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of(arguments));
        Files.createDirectories(directory);
        File output = directory.resolve("maven-" + logName + ".log").toFile();
        Process maven = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output).start();
        assertThat(maven.waitFor(10, TimeUnit.MINUTES)).as("Maven finished: " + command).isTrue();
        assertThat(maven.exitValue()).as(command + " succeeded; its output: " + output).isZero();
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
