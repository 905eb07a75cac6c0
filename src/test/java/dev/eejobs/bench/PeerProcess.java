package dev.eejobs.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's side of a {@link DbSchedulerProcess}: starts it with the classpath the benchmark
 * itself runs on (Maven's exec plugin gives it in a class loader, not in {@code java.class.path}),
 * sends commands and reads the answers; its logging goes to {@code <bench dir>/<name>.log}.
 */
final class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** @param args the arguments of {@link DbSchedulerProcess#main} after the JVM's */
    static PeerProcess start(Path dir, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m", "-cp", classpath(),
                DbSchedulerProcess.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
                .start();
        return new PeerProcess(name, p);
    }

    /** Sends a command without waiting for its answer: several processes can then work at once. */
    void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** @return the words of the next answer after {@code PEER} and its {@code kind} */
    String[] await(String kind) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith("PEER " + kind)) {
                return line.substring(("PEER " + kind).length()).trim().split(" ");
            }
            if (line.startsWith("PEER ERROR")) {
                throw new IllegalStateException(name + ": " + line);
            }
        }
        throw new IllegalStateException(name + " exited before answering " + kind + "; see its log in the bench"
                + " directory");
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                send("stop");
                await("STOPPED");
            }
        } catch (IOException | IllegalStateException e) {
            // it is gone already: nothing to stop
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String classpath() {
        List<String> entries = new ArrayList<>();
        ClassLoader loader = PeerProcess.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("bench: classpath entry " + url + " is not a file", e);
                }
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }
}
