package io.keyhold.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.util.FileSystemUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyhold in a JVM of its own, started as an operator starts it, from the application's classes
 * and libraries (not the tests'): for tests about what the whole process shows, its log and its
 * metrics, which the other applications a test JVM runs would blur. It logs one JSON object per
 * line (ECS), read here from its standard output, and listens on 127.0.0.1 only.
 */
public final class KeyholdProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path directory;
    private final List<LogLine> log = new CopyOnWriteArrayList<>();
    private final Api api;
    private final Api management;

    /** One line of its output: level and logger of a log event, or {@code OUTPUT} for anything else. */
    public record LogLine(String level, String logger, String message) {

        /** What two runs of the same work must have in common: the message itself may differ. */
        public String levelAndLogger() {
            return level + " " + logger;
        }
    }

    private KeyholdProcess(List<String> arguments) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        directory = Files.createTempDirectory("keyhold-process-");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                applicationClassPath(),
                "io.keyhold.KeyholdApplication",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--spring.main.banner-mode=off",
                "--logging.structured.format.console=ecs"));
        command.addAll(arguments);
        process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(this::readOutput, "keyhold-process-output");
        reader.setDaemon(true);
        reader.start();
        api = new Api(port);
        management = new Api(managementPort);
    }

    /** Starts Keyhold with these arguments and returns once it reports ready (within two minutes). */
    public static KeyholdProcess start(List<String> arguments) {
        KeyholdProcess keyhold;
        try {
            keyhold = new KeyholdProcess(arguments);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> keyhold.ready() || !keyhold.process.isAlive());
        } catch (ConditionTimeoutException slow) {
            // Reported below, with its output.
        }
        if (!keyhold.ready()) {
            keyhold.close();
            throw new IllegalStateException("Keyhold did not get ready; its output:\n"
                    + keyhold.log.stream().map(LogLine::message).collect(Collectors.joining("\n")));
        }
        return keyhold;
    }

    public Api api() {
        return api;
    }

    public Api management() {
        return management;
    }

    /** Sends SIGTERM, as an orchestrator stopping the node does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Every line it has written so far, in order. */
    public List<LogLine> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException ignored) {
            // A directory left in /tmp is harmless; the test's result is what matters.
        }
    }

    private boolean ready() {
        try {
            return management.get("/actuator/health/readiness", null).status() == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    private void readOutput() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> log.add(parse(line)));
        } catch (IOException | UncheckedIOException closed) {
            // The process has ended.
        }
    }

    private static LogLine parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            if (event.isObject() && event.has("log")) {
                return new LogLine(
                        event.get("log").path("level").asString(),
                        event.get("log").path("logger").asString(),
                        event.path("message").asString());
            }
        } catch (JacksonException notJson) {
            // The JVM's own output: counted as it is.
        }
        return new LogLine("OUTPUT", "", line);
    }

    /** The application's classes and libraries: the test classpath without the test classes. */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
