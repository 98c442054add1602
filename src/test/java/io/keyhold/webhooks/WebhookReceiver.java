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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application receiving webhooks, for every suite and bench that runs one inside the test JVM:
 * a real HTTP server on 127.0.0.1 that records every request with the moment it arrived and answers
 * as it is told — 200 unless told otherwise, a given status for the next requests, a redirect, no
 * answer at all ({@link #hang}), or each answer only after a delay ({@link #answerAfter}), as a
 * receiver under load does. Signatures are checked with {@link #verify}, written here from the
 * Standard Webhooks specification and not with any of Keyhold's code, so a mistake in Keyhold's
 * signing cannot hide in a shared helper; {@code WebhookReceiverTest} holds it to the reference
 * library's own signatures. For the reference library's verdict itself, see {@code
 * NodeWebhookReceiver}.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** One request as it arrived: its path, its headers (names lower-cased), its body's bytes, and when. */
    public record Received(String path, Map<String, List<String>> headers, byte[] content, Instant arrivedAt) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String body() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The {@code webhook-id} header. */
        public String id() {
            return header("webhook-id");
        }

        /** The {@code webhook-timestamp} header, in seconds since the epoch. */
        public long timestamp() {
            return Long.parseLong(header("webhook-timestamp"));
        }

        /** The body as JSON; an empty object if it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(content);
            } catch (JacksonException notJson) {
                return JSON.createObjectNode();
            }
        }

        /** The event's {@code type}. */
        public String type() {
            return json().path("type").asString(null);
        }

        /** The event's own {@code timestamp}, which Keyhold takes when the change is made. */
        public Instant eventTime() {
            return Instant.parse(json().path("timestamp").asString());
        }

        /** A member of the event's {@code data} as text, or null. */
        public String dataText(String member) {
            JsonNode value = json().path("data").get(member);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    /** A status to answer with, and where it redirects to (null: nowhere). */
    private record Answer(int status, String location) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final List<String> overlapping = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hanging;
    private volatile Duration answerAfter = Duration.ZERO;

    /** Listening on a free port of 127.0.0.1. */
    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String url() {
        return url("/");
    }

    /** The next {@code times} requests are answered with {@code status}; later ones with 200 again. */
    public void answer(int status, int times) {
        for (int i = 0; i < times; i++) {
            answers.add(new Answer(status, null));
        }
    }

    /** The next request is answered with a redirect to {@code location}. */
    public void redirect(int status, String location) {
        answers.add(new Answer(status, location));
    }

    /** From now on, requests get no answer at all until {@link #release} or the receiver closes. */
    public void hang() {
        hanging = true;
    }

    /** Requests held by {@link #hang} are answered, and later ones at once. */
    public void release() {
        hanging = false;
        released.countDown();
    }

    /** From now on, each request is answered only {@code delay} after it arrived (zero: at once). */
    public void answerAfter(Duration delay) {
        answerAfter = delay;
    }

    /** Every request so far, in the order they arrived. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Path and id of each request that arrived while another to the same path with the same id was being answered. */
    public List<String> overlapping() {
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
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    lowerCased(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes(),
                    Instant.now()));
            if (hanging) {
                released.await();
            }
            Duration delay = answerAfter;
            if (!delay.isZero()) {
                // The receiver's own slowness, which this one stands in for; not a wait for anything.
                Thread.sleep(delay.toMillis());
            }
            Answer answer = answers.poll();
            if (answer != null && answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), -1);
        } catch (InterruptedException closing) {
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
     * base64 of the key; the signed content is {@code id.timestamp.body}, the body's bytes as they
     * came; {@code webhook-signature} is a space-separated list of {@code version,base64} signatures,
     * one of which must be a {@code v1} equal (in constant time) to the HMAC-SHA256 of the content;
     * and the timestamp must be within five minutes of {@code now}: the receiver's clock when the
     * request arrived, or the server's clock where a test moves it.
     */
    public static boolean verify(String secret, Received request, Instant now) {
        String signatures = request.header("webhook-signature");
        String timestamp = request.header("webhook-timestamp");
        if (secret == null
                || !secret.startsWith("whsec_")
                || request.id() == null
                || signatures == null
                || timestamp == null
                || !timestamp.matches("[0-9]{1,18}")) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            hmac.update((request.id() + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = Base64.getEncoder().encode(hmac.doFinal(request.content()));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (String signature : signatures.split(" ")) {
            // Compared as base64 text, so a signature that is not base64 is simply not equal.
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code request} is signed under {@code secret}, judged at the moment it arrived. */
    public static boolean verifiedOnArrival(String secret, Received request) {
        return verify(secret, request, request.arrivedAt());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
