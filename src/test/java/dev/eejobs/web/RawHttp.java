package dev.eejobs.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the requests of the hostile test are
 * sent byte for byte as generated (invalid escapes, odd methods, broken headers), which no
 * client library would let through.
 */
final class RawHttp {

    private final String host;
    private final int port;
    private final String contextPath;

    RawHttp(String host, int port) {
        this(host, port, "");
    }

    /**
     * @param contextPath where the application is deployed ({@code ""} for the root), put before
     *        every request's target as sent, so the same generated requests serve any deployment
     */
    RawHttp(String host, int port, String contextPath) {
        this.host = host;
        this.port = port;
        this.contextPath = contextPath;
    }

    /** @return a client of the application Arquillian deployed at {@code base} (its context path included) */
    static RawHttp of(java.net.URL base) {
        String path = base.getPath();
        return new RawHttp(base.getHost(), base.getPort(), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /**
     * A request as sent.
     *
     * @param method the method, as text
     * @param target the request target, already escaped as it should appear on the wire
     * @param headers header lines, {@code Name: value}
     * @param body the body, or null for none
     * @param chunked send the body with chunked transfer coding instead of a length
     */
    record Request(String method, String target, List<String> headers, byte[] body, boolean chunked) {}

    /** A response as received. */
    record Response(int status, String contentType, List<String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    Response send(Request request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(contextPath).append(request.target())
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        request.headers().forEach(h -> head.append(h).append("\r\n"));
        if (request.body() != null) {
            head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.body().length + "\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            if (request.chunked()) {
                for (int at = 0; at < request.body().length; at += 4096) {
                    int n = Math.min(4096, request.body().length - at);
                    out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(request.body(), at, n);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.writeBytes(request.body());
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream sending = socket.getOutputStream();
            try {
                sending.write(out.toByteArray());
                sending.flush();
            } catch (IOException e) {
                // the server may answer and close before it read a refused body: read what it said
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + abbreviated(request.target()), e);
        }
    }

    static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        Response response = new Response(status, null, headers, body);
        if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            body = dechunk(body);
        }
        String type = response.header("Content-Type");
        return new Response(status, type == null ? "" : type, headers, body);
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
