package io.keyhold.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Node.js webhook receiver of {@code src/test/node/webhook-receiver}, which checks every
 * delivery with the Standard Webhooks reference library ({@code standardwebhooks} on npm), as an
 * application would: what it says of Keyhold's signatures is the specification's verdict, not
 * ours. It runs as {@code node receiver.js} on a free port of 127.0.0.1 and keeps what it got,
 * which {@link #received()} reads. Its dependencies come from the package lock ({@code npm ci})
 * the first time they are missing.
 *
 * <p>Suites that use it are {@code @Installed({NODE, NPM}, by = INSTALL)}.
 */
public final class NodeWebhookReceiver implements AutoCloseable {

    public static final String NODE = "/usr/bin/node";
    public static final String NPM = "/usr/bin/npm";
    public static final String INSTALL = "apt-get install -y nodejs npm";

    private static final Path DIRECTORY =
            Path.of("src", "test", "node", "webhook-receiver").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listening (\\d+)");
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final RunningProgram program;
    private int port;

    /**
     * One POST the receiver got, as it recorded it: the Standard Webhooks headers, the body's
     * {@code type}, {@code timestamp} and {@code data}, whether the library verified it (and its
     * error if not), the status it answered, when (epoch milliseconds) and the raw body.
     */
    public record Delivery(
            String webhookId,
            String webhookTimestamp,
            String type,
            String timestamp,
            JsonNode data,
            boolean verified,
            String error,
            int status,
            long receivedAt,
            String body) {

        /** A member of {@code data} as text, or null. */
        public String dataText(String member) {
            JsonNode value = data == null ? null : data.get(member);
            return value == null || value.isNull() ? null : value.asString();
        }

        @Override
        public String toString() {
            return type + " " + webhookId + (verified ? " verified" : " NOT verified (" + error + ")") + " → " + status
                    + " " + body;
        }
    }

    private NodeWebhookReceiver(RunningProgram program) {
        this.program = program;
    }

    /**
     * A receiver on {@code port} of 127.0.0.1 (0: any free one) that verifies under {@code secret}
     * ({@code whsec_…}) and answers every delivery at once.
     */
    public static NodeWebhookReceiver start(int port, String secret) {
        return start(port, secret, 0);
    }

    /** The same, answering the first {@code failFirst} deliveries 500 whatever they carry. */
    public static NodeWebhookReceiver start(int port, String secret, int failFirst) {
        installDependencies();
        List<String> command = new ArrayList<>(List.of(NODE, "receiver.js", String.valueOf(port), secret));
        if (failFirst > 0) {
            command.addAll(List.of("--fail-first", String.valueOf(failFirst)));
        }
        NodeWebhookReceiver receiver = new NodeWebhookReceiver(
                RunningProgram.start(new ProcessBuilder(command).directory(DIRECTORY.toFile())));
        receiver.awaitListening();
        return receiver;
    }

    /**
     * The {@code webhook-signature} value that the reference library's own {@code sign()} gives
     * {@code body} (UTF-8) for this id and timestamp: {@code v1,<base64>}.
     */
    public static String sign(String secret, String webhookId, long unixSeconds, String body) {
        installDependencies();
        Run signed = run(
                List.of(NODE, "sign.js", secret, webhookId, String.valueOf(unixSeconds)),
                body.getBytes(StandardCharsets.UTF_8));
        if (signed.exitCode() != 0) {
            throw new IllegalStateException("node sign.js failed: " + signed.output());
        }
        return signed.output().strip();
    }

    /** A new secret as the specification writes one: {@code whsec_} and base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code node_modules} that holds the library (installed first if missing): a {@code NODE_PATH}. */
    public static Path nodeModules() {
        installDependencies();
        return DIRECTORY.resolve("node_modules");
    }

    /** Where Keyhold should post: {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** Every delivery so far, in the order they arrived. */
    public List<Delivery> received() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "received"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /received answered " + response.statusCode());
            }
            List<Delivery> deliveries = new ArrayList<>();
            JSON.readTree(response.body()).forEach(entry -> deliveries.add(delivery(entry)));
            return deliveries;
        } catch (IOException failure) {
            throw new UncheckedIOException(
                    "the receiver does not answer\n" + String.join("\n", program.output()), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Waits (polling, at most {@code within}) until a delivery matching {@code which} has arrived, and
     * returns the first; the failure names {@code what} and lists what did arrive.
     */
    public Delivery awaitDelivery(String what, Predicate<Delivery> which, Duration within) {
        try {
            return await().atMost(within)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> received().stream().filter(which).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException late) {
            throw new AssertionError("no delivery of " + what + " within " + within + "; received:\n"
                    + String.join(
                            "\n", received().stream().map(Delivery::toString).toList()));
        }
    }

    /** Stops it. */
    @Override
    public void close() {
        program.close();
    }

    private static Delivery delivery(JsonNode entry) {
        return new Delivery(
                text(entry, "webhook_id"),
                text(entry, "webhook_timestamp"),
                text(entry, "type"),
                text(entry, "timestamp"),
                entry.get("data"),
                entry.path("verified").asBoolean(),
                text(entry, "error"),
                entry.path("status").asInt(),
                entry.path("received_at").asLong(),
                text(entry, "body"));
    }

    private static String text(JsonNode entry, String member) {
        JsonNode value = entry.get(member);
        return value == null || value.isNull() ? null : value.asString();
    }

    private void awaitListening() {
        try {
            port = await().atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(this::listeningPort, found -> found > 0);
        } catch (ConditionTimeoutException late) {
            close();
            throw new IllegalStateException(
                    "the receiver did not listen within " + READY_WITHIN + "\n" + String.join("\n", program.output()),
                    late);
        }
    }

    private int listeningPort() {
        for (String line : program.output()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        program.requireAlive();
        return 0;
    }

    /**
     * {@code npm ci} from the committed package lock, once, when {@code node_modules} lacks the
     * library; a package already in npm's cache is taken from there without asking the registry.
     */
    private static synchronized void installDependencies() {
        if (Files.isRegularFile(DIRECTORY.resolve("node_modules/standardwebhooks/package.json"))) {
            return;
        }
        Run installed = run(List.of(NPM, "ci", "--no-audit", "--no-fund", "--prefer-offline"), new byte[0]);
        if (installed.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + DIRECTORY + " failed:\n" + installed.output());
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command, byte[] input) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(DIRECTORY.toFile())
                    .redirectErrorStream(true)
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(1) + " still running after five minutes");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
