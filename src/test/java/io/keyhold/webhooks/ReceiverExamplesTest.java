package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.Installed;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.NodeWebhookReceiver;
import io.keyhold.testing.RunningProgram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's two webhook receivers, {@code src/test/resources/webhooks/receiver.js} (Node with the
 * Standard Webhooks library) and {@code receiver.py} (Python's standard library only), run as a
 * reader would run them and sent deliveries that the reference library itself signed: both take
 * what it signed, also among several signatures (a secret being rotated), and both refuse another
 * secret's signature, a changed body, a timestamp more than five minutes away, and missing headers.
 */
@Installed(
        value = {NodeWebhookReceiver.NODE, NodeWebhookReceiver.NPM, "/usr/bin/python3"},
        by = NodeWebhookReceiver.INSTALL)
class ReceiverExamplesTest {

    private static final Path EXAMPLES =
            Path.of("src", "test", "resources", "webhooks").toAbsolutePath();
    // Not ASCII on purpose: the signature covers the body's UTF-8 bytes.
    private static final String BODY = "{\"type\":\"user.updated\",\"timestamp\":\"2026-11-30T10:00:00.123456Z\","
            + "\"data\":{\"id\":7,\"email\":\"zoe@example.com\",\"name\":\"Zoë Ångström ☃\"}}";

    enum Example {
        NODE(NodeWebhookReceiver.NODE, "receiver.js", "js"),
        PYTHON("/usr/bin/python3", "receiver.py", "python");

        final String interpreter;
        final String file;
        /** The language of the README's code block that shows it. */
        final String fence;

        Example(String interpreter, String file, String fence) {
            this.interpreter = interpreter;
            this.file = file;
            this.fence = fence;
        }
    }

    /** What a reader copies from the README is what runs here: the two cannot drift apart. */
    @ParameterizedTest
    @EnumSource(Example.class)
    void readmeShowsTheTestedReceiver(Example example) throws IOException {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("```" + example.fence + "\n" + Files.readString(EXAMPLES.resolve(example.file)) + "```");
    }

    @ParameterizedTest
    @EnumSource(Example.class)
    void takesWhatTheLibrarySignedAndRefusesEveryForgery(Example example) {
        String secret = NodeWebhookReceiver.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = NodeWebhookReceiver.sign(secret, "msg_good", now, BODY);
        String otherSecrets = NodeWebhookReceiver.sign(NodeWebhookReceiver.newSecret(), "msg_good", now, BODY);
        long stale = now - 6 * 60;
        long early = now + 6 * 60;
        int port = KeyholdProcess.freePort();
        try (RunningProgram receiver = start(example, secret, port)) {
            Map<String, Integer> answers = new LinkedHashMap<>();
            answers.put("signed", post(port, "msg_good", now, signature, BODY));
            // The old secret's signature first, then one of a scheme it does not know, then the right one.
            String rotating = NodeWebhookReceiver.sign(NodeWebhookReceiver.newSecret(), "msg_rotated", now, BODY)
                    + " v1a,aGVsbG8= " + NodeWebhookReceiver.sign(secret, "msg_rotated", now, BODY);
            answers.put("rotating", post(port, "msg_rotated", now, rotating, BODY));
            answers.put("another secret", post(port, "msg_good", now, otherSecrets, BODY));
            answers.put("body changed", post(port, "msg_good", now, signature, BODY.replace("Zoë", "Zoe")));
            answers.put("id changed", post(port, "msg_other", now, signature, BODY));
            answers.put(
                    "stale",
                    post(port, "msg_stale", stale, NodeWebhookReceiver.sign(secret, "msg_stale", stale, BODY), BODY));
            answers.put(
                    "early",
                    post(port, "msg_early", early, NodeWebhookReceiver.sign(secret, "msg_early", early, BODY), BODY));
            answers.put("no signature", post(port, "msg_good", now, null, BODY));

            assertThat(answers)
                    .isEqualTo(Map.of(
                            "signed", 204,
                            "rotating", 204,
                            "another secret", 400,
                            "body changed", 400,
                            "id changed", 400,
                            "stale", 400,
                            "early", 400,
                            "no signature", 400));
            assertThat(receiver.output())
                    .as("what the example handled")
                    .filteredOn(line -> line.startsWith("msg_"))
                    .containsExactly(
                            "msg_good user.updated zoe@example.com", "msg_rotated user.updated zoe@example.com");
        }
    }

    private static RunningProgram start(Example example, String secret, int port) {
        ProcessBuilder program = new ProcessBuilder(example.interpreter, example.file).directory(EXAMPLES.toFile());
        program.environment().keySet().removeIf(name -> name.startsWith("PYTHON") || name.startsWith("NODE_"));
        program.environment().put("KEYHOLD_WEBHOOK_SECRET", secret);
        program.environment().put("PORT", String.valueOf(port));
        // `npm install standardwebhooks` beside it, in a reader's project; here the receiver's.
        program.environment().put("NODE_PATH", NodeWebhookReceiver.nodeModules().toString());
        RunningProgram receiver = RunningProgram.start(program);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    receiver.requireAlive();
                    return accepts(port);
                });
        return receiver;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int post(int port, String id, long timestamp, String signature, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        if (signature != null) {
            headers.put("webhook-signature", signature);
        }
        return Api.otherServer(port)
                .send("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8))
                .status();
    }
}
