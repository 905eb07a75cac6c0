package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through its chromedriver
 * (both from {@code /usr/bin}, never downloaded), against the demo WAR on PostgreSQL as the README
 * runs it, logged in with the demo users' Basic credentials (sent with every request the browser
 * makes, as a browser that stored them does). Jobs are stored with SQL on queues no node works, so
 * they stay as the test put them; each view must show them, and what is clicked must change the
 * database. Screenshots of every view go to {@code target/ui-screenshots/}. Suite {@code ui}.
 */
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of(System.getProperty("eejobs.basedir", "."), "target", "ui-screenshots");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static PayaraMicroProcess server;
    private static String base;
    private static final List<WebDriver> DRIVERS = new ArrayList<>();

    @BeforeAll
    static void startTheDemo() throws Exception {
        server = PayaraMicroProcess.startDemoOnPostgres(List.of("jobs.poll-interval=200ms", "jobs.heartbeat=1s"),
                "dashboard-payara.log");
        base = "http://127.0.0.1:" + server.port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server.awaitReady(Duration.ofMillis(500), () -> status(http, "/health/ready", null) == 200
                && status(http, "/jobs-ui/", "demo:demo") == 200 && status(http, "/api/nodes", "demo:demo") == 200);
        Files.createDirectories(SHOTS);
    }

    private static int status(HttpClient http, String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        DRIVERS.forEach(WebDriver::quit);
        if (server != null) {
            server.close();
        }
    }

    /** A headless Chromium whose every request carries the user's Basic credentials. */
    private static ChromeDriver browser(String user) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("ui.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        DRIVERS.add(driver);
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", basic(user))));
        return driver;
    }

    private static ChromeDriver admin;

    private static synchronized ChromeDriver admin() {
        if (admin == null) {
            admin = browser("demo:demo");
        }
        return admin;
    }

    private static void open(WebDriver driver, String hash) {
        driver.get(base + "/jobs-ui/" + hash);
    }

    /** Waits that step over elements a redraw replaced (every view redraws every 2 s). */
    private static WebDriverWait waiting(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String text(WebDriver driver, String css) {
        return waiting(driver).until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private static void click(WebDriver driver, String css) {
        waiting(driver).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static WebElement find(WebDriver driver, String css) {
        return waiting(driver).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static void awaitText(WebDriver driver, String css, String text) {
        waiting(driver).withMessage(() -> css + " shows " + text).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // --- the database ---------------------------------------------------------------------------

    private static Connection db() throws SQLException {
        String name = System.getenv().getOrDefault("EEJOBS_DB_NAME", "test");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "postgres");
    }

    /** Stores a job as the module would have left it; finished states get finished_at = now. */
    private static long job(String type, String queue, String status, String argument, String lastError) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("INSERT INTO eejobs_job (id, job_type,"
                + " queue_name, status, argument_json, priority, run_at, enqueued_at, attempts, max_retries, backoff,"
                + " heartbeat_ms, started_at, finished_at, last_error) VALUES (nextval('eejobs_job_seq'), ?, ?, ?, ?, 0,"
                + " now() - interval '1 minute', now(), ?, 2, 'fixed(1s)', 5000, ?, ?, ?) RETURNING id")) {
            boolean finished = List.of("SUCCEEDED", "DEAD", "CANCELLED").contains(status);
            s.setString(1, type);
            s.setString(2, queue);
            s.setString(3, status);
            s.setString(4, argument);
            s.setInt(5, status.equals("QUEUED") ? 0 : 3);
            s.setObject(6, status.equals("QUEUED") ? null : java.time.OffsetDateTime.now());
            s.setObject(7, finished ? java.time.OffsetDateTime.now() : null);
            s.setString(8, lastError);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String status(long id) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("SELECT status FROM eejobs_job WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "deleted";
            }
        }
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitStatus(long id, String expected) {
        await("job " + id + " is " + expected).atMost(WAIT).until(() -> status(id), expected::equals);
    }

    private static String queue(String name) {
        return "ui-" + name + "-" + RUN;
    }

    private static final String TRACE = "java.lang.IllegalStateException: the mail server said no\n"
            + "\tat example.Mailer.send(Mailer.java:42)\n\tat example.SendMail.run(SendMail.java:17)";

    // --- views ----------------------------------------------------------------------------------

    @Test
    void the_overview_shows_each_queue_by_state_the_throughput_chart_and_the_workers_per_node() throws Exception {
        String q = queue("overview");
        job("ui-mail", q, "QUEUED", "{}", null);
        job("ui-mail", q, "QUEUED", "{}", null);
        job("ui-mail", q, "DEAD", "{}", TRACE);
        for (int i = 0; i < 3; i++) {
            job("ui-mail", q, "SUCCEEDED", "{}", null);
        }
        WebDriver driver = admin();
        open(driver, "#/");
        awaitText(driver, "tr[data-queue='" + q + "'] td[data-state='QUEUED']", "2");
        assertThat(text(driver, "tr[data-queue='" + q + "'] td[data-state='DEAD']")).isEqualTo("1");
        assertThat(text(driver, "tr[data-queue='" + q + "'] td[data-state='SUCCEEDED']")).isEqualTo("3");
        assertThat(text(driver, "tr[data-queue='" + q + "']")).as("oldest queued age").containsPattern("1m \\d+s");
        assertThat(driver.findElements(By.cssSelector("#throughput svg rect.bar-ok"))).isNotEmpty();
        assertThat(text(driver, "#throughput figcaption")).containsPattern("Succeeded: [1-9]");
        assertThat(text(driver, "#worker-table")).contains("(this node)", "idle");
        screenshot(driver, "overview");

        // live: a job stored now shows within the 2 s refresh, without a reload of the page
        ((JavascriptExecutor) driver).executeScript("window.notReloaded = true");
        job("ui-mail", q, "QUEUED", "{}", null);
        awaitText(driver, "tr[data-queue='" + q + "'] td[data-state='QUEUED']", "3");
        job("ui-mail", q, "DEAD", "{}", TRACE);
        awaitText(driver, "tr[data-queue='" + q + "'] td[data-state='DEAD']", "2");
        awaitText(driver, "#notice", "new failed job");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded")).isEqualTo(true);
    }

    @Test
    void the_jobs_view_filters_counts_per_state_and_pages_newest_first() throws Exception {
        String q = queue("list");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            ids.add(job("ui-report", q, "QUEUED", "{\"n\":" + i + "}", null));
        }
        long dead = job("ui-report", q, "DEAD", "{}", TRACE);
        WebDriver driver = admin();
        open(driver, "#/jobs?queue=" + q);
        awaitText(driver, "a.tab[data-state='QUEUED'] .count", "53");
        assertThat(text(driver, "a.tab[data-state='DEAD'] .count")).isEqualTo("1");
        assertThat(text(driver, "a.tab[data-state='ALL'] .count")).isEqualTo("54");
        List<String> firstPage = rowIds(driver);
        assertThat(firstPage).hasSize(50).startsWith(Long.toString(dead));
        screenshot(driver, "jobs");

        click(driver, ".pager button:last-child"); // older
        waiting(driver).until(d -> rowIds(d).size() == 4);
        assertThat(rowIds(driver)).containsExactly(String.valueOf(ids.get(3)), String.valueOf(ids.get(2)),
                String.valueOf(ids.get(1)), String.valueOf(ids.get(0)));

        new Select(find(driver, "#f-status")).selectByValue("DEAD");
        click(driver, "form.filters button[type=submit]");
        waiting(driver).until(d -> rowIds(d).equals(List.of(Long.toString(dead))));
        assertThat(driver.getCurrentUrl()).contains("status=DEAD", "queue=" + q);
        assertThat(text(driver, "tr[data-id='" + dead + "'] td.error"))
                .isEqualTo("java.lang.IllegalStateException: the mail server said no");
    }

    /** Read in one script: the table is redrawn every 2 s, so elements found one call earlier may be gone. */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#job-table tbody tr')].map(r => r.dataset.id)");
    }

    @Test
    void the_job_view_shows_the_argument_options_and_error_and_retry_there_queues_the_dead_job_again() throws Exception {
        String q = queue("job");
        long dead = job("ui-mail", q, "DEAD", "{\"to\":\"ada@example.com\",\"lines\":[1,2]}", TRACE);
        WebDriver driver = admin();
        open(driver, "#/jobs/" + dead);
        awaitText(driver, "#job-argument", "\"to\": \"ada@example.com\"");
        assertThat(text(driver, "#job-argument")).contains("\"lines\": [\n    1,\n    2\n  ]");
        assertThat(text(driver, "#job-summary")).contains("ui-mail", q, "DEAD", "Max retries");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.querySelector('#job-summary details.trace').open"))
                .as("the trace is folded").isEqualTo(false);
        assertThat(text(driver, "#job-summary details.trace summary")).contains("the mail server said no");
        click(driver, "#job-summary details.trace summary");
        awaitText(driver, "#job-summary details.trace pre", "Mailer.java:42");
        screenshot(driver, "job");

        click(driver, "button[data-action='retry'][data-job='" + dead + "']");
        awaitStatus(dead, "QUEUED");
        awaitText(driver, "#notice", "queued again");
        awaitText(driver, ".job-head", "QUEUED");
    }

    @Test
    void a_job_links_to_its_continuations_and_a_continuation_to_its_parent() throws Exception {
        long parent = job("ui-mail", queue("parent"), "QUEUED", "{}", null);
        HttpResponse<String> enqueued = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(base
                + "/api/jobs/greet?after=" + parent)).header("Authorization", basic("demo:demo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(202);
        long child = Long.parseLong(enqueued.body().replaceAll(".*\"id\":\"?(\\d+).*", "$1"));
        WebDriver driver = admin();
        open(driver, "#/jobs/" + parent);
        awaitText(driver, "#job-children", "job " + child + " (greet, WAITING)");
        click(driver, "#job-children a");
        awaitText(driver, "#job-family", "Runs after job " + parent);
        assertThat(driver.getCurrentUrl()).endsWith("#/jobs/" + child);
    }

    @Test
    void cancel_and_delete_from_the_list_change_the_database() throws Exception {
        String q = queue("cancel");
        long queued = job("ui-mail", q, "QUEUED", "{}", null);
        long done = job("ui-mail", q, "SUCCEEDED", "{}", null);
        WebDriver driver = admin();
        open(driver, "#/jobs?queue=" + q);
        click(driver, "button[data-action='cancel'][data-job='" + queued + "']");
        awaitStatus(queued, "CANCELLED");

        click(driver, "button[data-action='delete'][data-job='" + done + "']");
        awaitText(driver, "#confirm-text", "Delete job " + done);
        click(driver, "#confirm-ok");
        awaitStatus(done, "deleted");
    }

    @Test
    void the_schedules_view_lists_the_demo_schedule() throws Exception {
        WebDriver driver = admin();
        open(driver, "#/schedules");
        awaitText(driver, "tr[data-schedule='demo-greeting']", "every 30s");
        assertThat(text(driver, "tr[data-schedule='demo-greeting']")).contains("greet");
        screenshot(driver, "schedules");
    }

    @Test
    void the_nodes_view_shows_this_node_up_and_a_node_that_stopped_renewing_as_gone() throws Exception {
        String stale = "ui-stale-" + RUN;
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("INSERT INTO eejobs_node (name, version, queues,"
                + " workers, busy, started_at, heartbeat_at, draining) VALUES (?, '0.0.9', 'mail=2/1', 2, 1,"
                + " now() - interval '20 minutes', now() - interval '10 minutes', false)")) {
            s.setString(1, stale);
            s.executeUpdate();
        }
        WebDriver driver = admin();
        open(driver, "#/nodes");
        awaitText(driver, "#node-table", "(this node)");
        String self = waiting(driver).until(d -> d.findElements(By.cssSelector("#node-table tbody tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains("(this node)")).findFirst().orElse(null));
        assertThat(self).contains("up", "default", "busy", "idle");
        awaitText(driver, "tr[data-node='" + stale + "']", "gone");
        assertThat(text(driver, "tr[data-node='" + stale + "']")).contains("0.0.9", "mail 2/1");
        screenshot(driver, "nodes");
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("DELETE FROM eejobs_node WHERE name = ?")) {
            s.setString(1, stale);
            s.executeUpdate();
        }
    }

    // --- actions of job control (issue 12) ---------------------------------------------------------

    @Test
    void pause_and_resume_of_a_queue_by_clicking_change_the_database() throws Exception {
        String q = queue("pause");
        job("ui-mail", q, "QUEUED", "{}", null);
        WebDriver driver = admin();
        open(driver, "#/");
        find(driver, "tr[data-queue='" + q + "']");
        click(driver, "tr[data-queue='" + q + "'] button[data-action='pause-queue']");
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM eejobs_queue_state WHERE queue_name = ? AND paused", q) == 1);
        awaitText(driver, "tr[data-queue='" + q + "'] td.paused", "paused");
        click(driver, "tr[data-queue='" + q + "'] button[data-action='resume-queue']");
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM eejobs_queue_state WHERE queue_name = ? AND paused", q) == 0);
    }

    @Test
    void a_bulk_retry_confirmed_with_the_count_queues_every_dead_job_of_the_filter() throws Exception {
        String q = queue("bulk");
        List<Long> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dead.add(job("ui-mail", q, "DEAD", "{}", TRACE));
        }
        long other = job("ui-mail", queue("bulk-other"), "DEAD", "{}", TRACE);
        WebDriver driver = admin();
        open(driver, "#/jobs?queue=" + q + "&status=DEAD");
        waiting(driver).until(d -> rowIds(d).size() == 3);
        click(driver, "button[data-bulk='retry']");
        awaitText(driver, "#confirm-text", "Retry 3 job(s)");
        click(driver, "#confirm-ok");
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM eejobs_job WHERE queue_name = ? AND status = 'QUEUED'", q) == 3);
        assertThat(status(other)).isEqualTo("DEAD");
        awaitText(driver, "#notice", "3 job(s)");
    }

    @Test
    void a_running_demo_sleep_job_shows_its_progress_and_log_live_and_cancel_stops_it() throws Exception {
        HttpResponse<String> enqueued = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(base
                + "/api/jobs/demo-sleep")).header("Authorization", basic("demo:demo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":120000,\"steps\":240,\"fail\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(202);
        long id = Long.parseLong(enqueued.body().replaceAll(".*\"id\":\"?(\\d+).*", "$1"));
        awaitStatus(id, "RUNNING");
        WebDriver driver = admin();
        open(driver, "#/jobs/" + id);
        awaitText(driver, "#job-progress", "Progress");
        String first = text(driver, "#job-progress");
        waiting(driver).withMessage("the progress moves without a reload")
                .until(d -> !d.findElement(By.cssSelector("#job-progress")).getText().equals(first));
        awaitText(driver, "#job-log", "step 1 of 240 done");
        awaitText(driver, "#job-attempts", "running");
        screenshot(driver, "job-running");

        click(driver, "button[data-action='cancel'][data-job='" + id + "']");
        awaitStatus(id, "CANCELLED");
        awaitText(driver, ".job-head", "CANCELLED");
    }

    @Test
    void pause_resume_and_trigger_of_a_schedule_by_clicking_change_the_database() throws Exception {
        WebDriver driver = admin();
        open(driver, "#/schedules");
        awaitText(driver, "tr[data-schedule='demo-greeting']", "greet");
        String paused = "SELECT COUNT(*) FROM eejobs_schedule WHERE name = 'demo-greeting' AND paused";
        click(driver, "tr[data-schedule='demo-greeting'] button[data-action='pause-schedule']");
        await().atMost(WAIT).until(() -> count(paused) == 1);
        awaitText(driver, "tr[data-schedule='demo-greeting']", "paused");
        click(driver, "tr[data-schedule='demo-greeting'] button[data-action='resume-schedule']");
        await().atMost(WAIT).until(() -> count(paused) == 0);

        long before = count("SELECT COUNT(*) FROM eejobs_job WHERE job_type = 'greet'");
        click(driver, "tr[data-schedule='demo-greeting'] button[data-action='trigger-schedule']");
        awaitText(driver, "#notice", "fired job");
        String fired = text(driver, "#notice").replaceAll(".*fired job (\\d+).*", "$1");
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM eejobs_job WHERE job_type = 'greet'") > before);
        assertThat(count("SELECT COUNT(*) FROM eejobs_job WHERE id = ? AND job_type = 'greet'", Long.parseLong(fired)))
                .isEqualTo(1);
    }

    // --- roles and cross-site requests -----------------------------------------------------------

    @Test
    void a_viewer_sees_every_view_without_action_buttons_and_its_direct_post_is_refused() throws Exception {
        String q = queue("viewer");
        long dead = job("ui-mail", q, "DEAD", "{\"to\":\"bob@example.com\"}", TRACE);
        long queued = job("ui-mail", q, "QUEUED", "{}", null);
        WebDriver driver = browser("viewer:viewer");
        open(driver, "#/");
        awaitText(driver, "tr[data-queue='" + q + "'] td[data-state='DEAD']", "1");
        awaitText(driver, "#who", "viewer (read-only)");
        assertThat(driver.findElements(By.cssSelector("button.action"))).isEmpty();
        open(driver, "#/jobs?queue=" + q);
        waiting(driver).until(d -> rowIds(d).size() == 2);
        assertThat(driver.findElements(By.cssSelector("button.action, button[data-bulk]"))).isEmpty();
        open(driver, "#/jobs/" + dead);
        awaitText(driver, "#job-argument", "bob@example.com");
        assertThat(driver.findElements(By.cssSelector("button.action"))).isEmpty();
        open(driver, "#/schedules");
        awaitText(driver, "tr[data-schedule='demo-greeting']", "greet");
        assertThat(driver.findElements(By.cssSelector("button.action"))).isEmpty();
        screenshot(driver, "viewer-job-list");

        // the same call the admin's button makes, from the dashboard's own page: refused
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/jobs/" + dead + "/retry', {method: 'POST', headers: {'X-Jobs-Request': '1'}})"
                + ".then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('failed ' + e))");
        assertThat(String.valueOf(answer)).startsWith("403 ");
        Object cancel = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/jobs/" + queued + "/cancel', {method: 'POST', headers: {'X-Jobs-Request': '1'}})"
                + ".then(r => done(r.status), e => done('failed ' + e))");
        assertThat(String.valueOf(cancel)).isEqualTo("403");
        assertThat(status(dead)).isEqualTo("DEAD");
        assertThat(status(queued)).isEqualTo("QUEUED");
    }

    @Test
    void a_cross_site_form_post_is_refused_even_with_the_stored_credentials() throws Exception {
        long dead = job("ui-mail", queue("csrf"), "DEAD", "{}", TRACE);
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
                + "<form method=\"post\" action=\"" + base + "/api/jobs/" + dead + "/retry\">"
                + "<input type=\"hidden\" name=\"x\" value=\"1\"></form></body></html>").getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        evil.start();
        try {
            WebDriver driver = browser("demo:demo"); // the credentials go with every request, the forged one too
            driver.get("http://localhost:" + evil.getAddress().getPort() + "/");
            new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(base));
            awaitText(driver, "body", "X-Jobs-Request");
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("\"status\":403");
            screenshot(driver, "cross-site-refused");
        } finally {
            evil.stop(0);
        }
        assertThat(status(dead)).isEqualTo("DEAD");
    }

    @Test
    void the_views_work_from_the_keyboard_and_every_control_has_a_label() throws Exception {
        WebDriver driver = admin();
        open(driver, "#/jobs");
        find(driver, "#f-status");
        Object unlabelled = ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).map(e => e.id || e.name)");
        assertThat((List<?>) unlabelled).isEmpty();
        open(driver, "#/");
        driver.navigate().refresh(); // a fresh page: the focus starts at its top, not where an earlier step left it
        find(driver, "#queue-table table");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = null;
        for (int i = 0; i < 10; i++) {
            focused = driver.switchTo().activeElement();
            if ("Schedules".equals(focused.getText())) {
                break;
            }
            focused.sendKeys(Keys.TAB);
        }
        assertThat(focused.getText()).isEqualTo("Schedules");
        focused.sendKeys(Keys.ENTER);
        awaitText(driver, "tr[data-schedule='demo-greeting']", "greet");
        assertThat(driver.getCurrentUrl()).endsWith("#/schedules");
    }
}
