package io.keyhold.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application receiving webhooks: a real HTTP server on 127.0.0.1 that records every request
 * and answers as the test tells it (200 unless told otherwise). Signatures are checked with
 * {@link #verify}, written here from the Standard Webhooks specification and not with any of
 * Keyhold's code, so a mistake in Keyhold's signing cannot hide in a shared helper.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    record Received(String path, Map<String, List<String>> headers, String body, Instant arrivedAt) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String id() {
            return header("webhook-id");
        }

        long timestamp() {
            return Long.parseLong(header("webhook-timestamp"));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String type() {
            return json().path("type").asString();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final List<String> overlapping = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hanging;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A status to answer with, and where it redirects to (null: nowhere). */
    private record Answer(int status, String location) {}

    /** The next {@code times} requests are answered with {@code status}; later ones with 200 again. */
    void answer(int status, int times) {
        for (int i = 0; i < times; i++) {
            answers.add(new Answer(status, null));
        }
    }

    /** The next request is answered with a redirect to {@code location}. */
    void redirect(int status, String location) {
        answers.add(new Answer(status, location));
    }

    /** From now on, requests get no answer at all until {@link #release} or the receiver closes. */
    void hang() {
        hanging = true;
    }

    /** Requests held by {@link #hang} are answered, and later ones at once. */
    void release() {
        hanging = false;
        released.countDown();
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Path and id of each request that arrived while another to the same path with the same id was being answered. */
    List<String> overlapping() {
        return List.copyOf(overlapping);
    }

    private void handle(HttpExchange exchange) throws IOException {
        // One event has one webhook-id at every endpoint: requests overlap if they share both.
        String delivery = exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("webhook-id");
        AtomicInteger sameId = inFlight.computeIfAbsent(delivery, key -> new AtomicInteger());
        if (sameId.incrementAndGet() > 1) {
            overlapping.add(delivery);
        }
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    lowerCased(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8),
                    Instant.now()));
            if (hanging) {
                released.await();
            }
            Answer answer = answers.poll();
            if (answer != null && answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), -1);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            sameId.decrementAndGet();
            exchange.close();
        }
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new ConcurrentHashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(), List.copyOf(values)));
        return lower;
    }

    /**
     * Standard Webhooks verification, from the specification: the secret after {@code whsec_} is
     * base64 of the key; the signed content is {@code id.timestamp.body}; {@code webhook-signature}
     * is a space-separated list of {@code version,base64} signatures, one of which must be a
     * {@code v1} equal (in constant time) to the HMAC-SHA256 of the content; and the timestamp must
     * be within five minutes of now, whose "now" is the server's clock here, which the tests move.
     */
    static boolean verify(String secret, Received request, Instant now) {
        if (!secret.startsWith("whsec_") || request.id() == null || request.header("webhook-signature") == null) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - request.timestamp()) > 5 * 60) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String content = request.id() + "." + request.timestamp() + "." + request.body();
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = hmac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (String signature : request.header("webhook-signature").split(" ")) {
            String[] versionAndValue = signature.split(",", 2);
            if (versionAndValue.length == 2
                    && versionAndValue[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versionAndValue[1]))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
