package io.keyhold.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's nginx, run by the test's own user from a configuration template on the test class
 * path, in a directory of its own: everything it writes (pid, logs, temporary files) lands there,
 * and it listens on a random port of 127.0.0.1. Nothing under /etc, /var or /run is touched.
 */
public final class Nginx implements AutoCloseable {

    /** Where Debian's {@code nginx} package installs it. */
    public static final String EXECUTABLE = "/usr/sbin/nginx";

    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    private static final Pattern UNFILLED = Pattern.compile("@[a-z_]+@");

    private final Path directory;
    private final int port;
    private final Process process;

    private Nginx(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /**
     * Writes the template {@code resource} to {@code directory} with {@code @port@} and each
     * {@code @name@} of {@code values} filled in, starts nginx on it and waits until it accepts
     * connections. Fails with nginx's own output if it exits first.
     */
    public static Nginx start(Path directory, String resource, Map<String, String> values) {
        int port = KeyholdProcess.freePort();
        String configuration = template(resource).replace("@port@", String.valueOf(port));
        for (var value : values.entrySet()) {
            configuration = configuration.replace("@" + value.getKey() + "@", value.getValue());
        }
        var unfilled = UNFILLED.matcher(configuration);
        if (unfilled.find()) {
            throw new IllegalArgumentException(resource + ": nothing given for " + unfilled.group());
        }
        try {
            Files.createDirectories(directory);
            Path file = Files.writeString(directory.resolve("nginx.conf"), configuration);
            // -e: until it has read the configuration, nginx logs to the error log it was built with.
            Process process = new ProcessBuilder(
                            List.of(EXECUTABLE, "-p", directory + "/", "-c", file.toString(), "-e", "stderr"))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile())
                    .start();
            var nginx = new Nginx(directory, port, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The template as it is on the class path. */
    public static String template(String resource) {
        try (InputStream in = Nginx.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No " + resource + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public int port() {
        return port;
    }

    /** What nginx has written to its standard output and error so far. */
    public String output() {
        try {
            return Files.readString(directory.resolve("nginx.out"));
        } catch (IOException unreadable) {
            return "(no output: " + unreadable.getMessage() + ")";
        }
    }

    /** Fails with nginx's output unless it is still running: a test's 502 should not hide a crash. */
    public void assertRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + output());
        }
    }

    /** SIGTERM (a fast shutdown), then SIGKILL if it has not ended within a few seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertRunning();
                return accepts();
            });
        } catch (ConditionTimeoutException late) {
            close();
            throw new IllegalStateException("nginx not listening after " + READY_WITHIN + ":\n" + output(), late);
        } catch (IllegalStateException exited) {
            close();
            throw exited;
        }
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
