package io.keyhold.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook endpoint inside the test JVM (the JDK's HTTP server on 127.0.0.1), for suites and
 * benches that need many deliveries or control over how fast they are answered rather than the
 * reference library's verdict, which {@code NodeWebhookReceiver} gives. It checks each signature
 * as the Standard Webhooks specification defines it (HMAC-SHA256 of {@code id.timestamp.body},
 * any {@code v1} one of the header's), answers 204, and keeps each delivery with the moment it
 * arrived. It can be told to answer slowly, as a receiver under load does.
 */
final class WebhookRecorder implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();
    private volatile byte[] key;
    private volatile Duration answerAfter = Duration.ZERO;

    /** One delivery: its headers' id, the body's type, timestamp and data, and when it arrived (epoch ms). */
    record Delivery(String webhookId, String type, String timestamp, JsonNode data, boolean verified, long receivedAt) {

        /** A member of {@code data} as text, or null. */
        String dataText(String member) {
            JsonNode value = data == null ? null : data.get(member);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    private WebhookRecorder(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Listening on a free port of 127.0.0.1; set the secret before the first delivery. */
    static WebhookRecorder start() {
        try {
            return new WebhookRecorder(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The endpoint's secret ({@code whsec_…}), which Keyhold shows once the endpoint exists at {@link #url()}. */
    void verifyWith(String secret) {
        key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /** Answers each delivery only after {@code delay}: a slow receiver, which makes deliveries queue up. */
    void answerAfter(Duration delay) {
        answerAfter = delay;
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    int count() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            JsonNode event = parse(body);
            received.add(new Delivery(
                    id,
                    event.path("type").asString(null),
                    event.path("timestamp").asString(null),
                    event.get("data"),
                    verified(id, timestamp, signatures, body),
                    System.currentTimeMillis()));
            Duration delay = answerAfter;
            if (!delay.isZero()) {
                // The receiver's own slowness, which this recorder stands in for.
                Thread.sleep(delay.toMillis());
            }
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean verified(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null || key == null) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = Base64.getEncoder().encode(mac.doFinal(body));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(unavailable);
        }
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(signature.substring(3).getBytes(StandardCharsets.UTF_8), expected)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return JSON.createObjectNode();
        }
    }
}
