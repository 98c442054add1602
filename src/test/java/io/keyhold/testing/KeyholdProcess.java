package io.keyhold.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.util.FileSystemUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Keyhold server in a JVM of its own, started as an operator starts it, for what an in-process
 * server cannot show: {@code kill -9}, SIGTERM, a restart on the same files, and the log and
 * metrics of a whole process, which the other applications of a test JVM would blur. Public and
 * management ports are picked once and kept across {@link #restart()}; the server binds 127.0.0.1
 * and writes its output to {@code keyhold.log} in its working directory, which is also where the
 * default H2 database lands ({@code ./data/}).
 */
public final class KeyholdProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Launch launch;
    private final Path directory;
    private final boolean ownDirectory;
    private final List<String> arguments;
    private final int port;
    private final int managementPort;
    private Process process;

    /** How to start the JVM: the test's own class path, the built jar, or the start script; and with what environment. */
    public record Launch(List<String> command, Map<String, String> environment) {

        public Launch(List<String> command) {
            this(command, Map.of());
        }

        /**
         * {@code java -cp <the application's classes and libraries> io.keyhold.KeyholdApplication}:
         * what the tests run, from the test JVM's class path without the test classes.
         */
        public static Launch testClassPath() {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String application = Arrays.stream(classPath.split(File.pathSeparator))
                    .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                    .collect(Collectors.joining(File.pathSeparator));
            return new Launch(List.of(javaExecutable(), "-cp", application, "io.keyhold.KeyholdApplication"));
        }

        /** {@code java -jar <jar>} with the JVM's defaults: what the bench scripts run. */
        public static Launch jar(Path jar) {
            return new Launch(
                    List.of(javaExecutable(), "-jar", jar.toAbsolutePath().toString()));
        }

        /**
         * {@code java -jar target/keyhold.jar}: the jar {@code ./mvnw package} built, which the
         * integration tests ({@code *IT}, run by failsafe after {@code package}) put behind other
         * software exactly as an operator would.
         */
        public static Launch builtJar() {
            Path jar = Path.of("target", "keyhold.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar.toAbsolutePath() + " is missing: integration tests run after `./mvnw package`");
            }
            return jar(jar);
        }

        /**
         * {@code bin/keyhold}, as the container image starts it: {@code jar} on the JVM the tests
         * run on, with {@code environment} ({@code JAVA_OPTS}, Keyhold's own variables).
         */
        public static Launch startScript(Path jar, Map<String, String> environment) {
            var all = new HashMap<>(environment);
            all.put("JAVA_HOME", System.getProperty("java.home"));
            all.put("KEYHOLD_JAR", jar.toAbsolutePath().toString());
            return new Launch(List.of(Path.of("bin", "keyhold").toAbsolutePath().toString()), Map.copyOf(all));
        }

        private static String javaExecutable() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }

    /** One line of its output: level and logger of an ECS log event, or {@code OUTPUT} for anything else. */
    public record LogLine(String level, String logger, String message) {

        /** What two runs of the same work must have in common: the message itself may differ. */
        public String levelAndLogger() {
            return level + " " + logger;
        }
    }

    private KeyholdProcess(Launch launch, Path directory, boolean ownDirectory, List<String> arguments) {
        this.launch = launch;
        this.directory = directory;
        this.ownDirectory = ownDirectory;
        this.arguments = List.copyOf(arguments);
        this.port = freePort();
        this.managementPort = freePort();
    }

    /** Starts Keyhold in {@code directory} with {@code arguments} added to its own, and waits until it is ready. */
    public static KeyholdProcess start(Launch launch, Path directory, List<String> arguments) {
        KeyholdProcess keyhold = new KeyholdProcess(launch, directory, false, arguments);
        keyhold.launch();
        return keyhold;
    }

    /** From the test class path, in a temporary directory of its own that {@link #close()} deletes. */
    public static KeyholdProcess start(List<String> arguments) {
        Path directory;
        try {
            directory = Files.createTempDirectory("keyhold-process-");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        KeyholdProcess keyhold = new KeyholdProcess(Launch.testClassPath(), directory, true, arguments);
        keyhold.launch();
        return keyhold;
    }

    /** Starts the same server again (same directory, arguments and ports) after it has exited. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("Keyhold is still running as pid " + process.pid());
        }
        launch();
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public Api api() {
        return new Api(port);
    }

    /** Health and metrics. */
    public Api management() {
        return Api.management(managementPort);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook,
     * no graceful close of the database. Returns the exit status (137 = 128 + SIGKILL).
     */
    public int kill() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM ({@link Process#destroy()} on Linux), the way an orchestrator stops a node; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit status. */
    public int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Keyhold still running after " + within + "\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The status of {@code path} on the management port, or -1 when nothing answers there. */
    public int managementStatus(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Every line it has written so far, in order; log events are parsed where it logs ECS JSON
     * ({@code --logging.structured.format.console=ecs}).
     */
    public List<LogLine> log() {
        try {
            return Files.readAllLines(logFile(), StandardCharsets.UTF_8).stream()
                    .map(KeyholdProcess::parse)
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The last lines of the server's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    /**
     * Ends the process if it still runs (SIGKILL: a test that got here has nothing left to ask it),
     * and deletes the directory if it was made for it.
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
        if (ownDirectory) {
            try {
                FileSystemUtils.deleteRecursively(directory);
            } catch (IOException ignored) {
                // A directory left in /tmp is harmless; the test's result is what matters.
            }
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

    private void launch() {
        List<String> command = new ArrayList<>(launch.command());
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        command.add("--management.server.address=127.0.0.1");
        command.add("--management.server.port=" + managementPort);
        command.add("--spring.main.banner-mode=off");
        command.addAll(arguments);
        try {
            Files.createDirectories(directory);
            var builder = new ProcessBuilder(command);
            builder.environment().putAll(launch.environment());
            process = builder.directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        awaitReady();
    }

    // Polls readiness on the management port, where the actuator lives, until it answers 200.
    private void awaitReady() {
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "Keyhold exited with " + process.exitValue() + " before it was ready\n" + logTail());
                }
                return managementStatus("/actuator/health/readiness") == 200;
            });
        } catch (ConditionTimeoutException late) {
            throw new IllegalStateException("Keyhold not ready after " + READY_WITHIN + "\n" + logTail(), late);
        }
    }

    private Path logFile() {
        return directory.resolve("keyhold.log");
    }

    /** A port of 127.0.0.1 that nothing listens on now, for a server of the tests to bind. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
