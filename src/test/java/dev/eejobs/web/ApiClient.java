package dev.eejobs.web;

import dev.eejobs.api.JobState;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;

/** The HTTP side of the API tests: requests as a user, bodies read with JSON-P. */
final class ApiClient {

    static final String DEMO = "demo:demo";
    static final String PRODUCER = "producer:producer";
    static final String OPERATOR = "operator:operator";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    ApiClient(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    /** A response with its body as text. */
    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return (JsonObject) structure();
        }

        JsonStructure structure() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** Waits up to 30 s for a job to reach a state (as the demo user), then returns its view. */
    JsonObject awaitStatus(String id, JobState state) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("api/jobs/" + id, DEMO).json().getString("status"), state.name()::equals);
        return get("api/jobs/" + id, DEMO).json();
    }

    Reply get(String path, String user) {
        return send("GET", path, user, null, null, false);
    }

    Reply post(String path, String user, String json) {
        return send("POST", path, user, "application/json", json, false);
    }

    Reply put(String path, String user, String json) {
        return send("PUT", path, user, "application/json", json, false);
    }

    Reply delete(String path, String user) {
        return send("DELETE", path, user, null, null, false);
    }

    /**
     * @param user {@code name:password}, or null for no credentials
     * @param contentType null for no Content-Type header
     * @param chunked send the body without a length, so the server only learns its size by reading it
     */
    Reply send(String method, String path, String user, String contentType, String body, boolean chunked) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body);
        }
        try {
            HttpResponse<String> response = http.send(request.method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
