package io.keyhold.webhooks;

import io.keyhold.webhooks.WebhookReceiver.Received;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long after a change Keyhold's webhook reaches the receiver, under a sustained load of changes.
 * Not a test: {@code bench/webhook-lag.sh} starts Keyhold and runs it. It listens with a
 * {@link WebhookReceiver} in this JVM, has the superuser create an endpoint there for
 * {@code user.created}, signs up users at a fixed rate (open loop: a slow answer does not slow the
 * offered load) for a while, waits until every signup answered 201 has been delivered, and prints
 * the lag of each: from the moment the driver got the 201 to the moment the receiver got the
 * delivery, both read from this JVM's clock. The 201 leaves after the commit, so this is the lag
 * from commit as a client can observe it, short by the response's trip (well under a millisecond on
 * loopback, more when the machine is saturated). The lag from the event's own {@code timestamp},
 * which Keyhold takes inside the transaction before it commits, is printed beside it: it is longer
 * by the rest of that transaction. Lines starting {@code figure} are for {@code --record}.
 *
 * <pre>WebhookLagBench BASE_URL SUPERUSER_EMAIL RATE_PER_SECOND SECONDS</pre>
 *
 * with the superuser's password in {@code KEYHOLD_BOOTSTRAP_ADMIN_PASSWORD}.
 */
public final class WebhookLagBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Webhook-lag-bench-1";
    private static final Duration DELIVERED_WITHIN = Duration.ofMinutes(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    private WebhookLagBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String superuser = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String password = System.getenv("KEYHOLD_BOOTSTRAP_ADMIN_PASSWORD");
        System.exit(new WebhookLagBench(base).run(superuser, password, rate, seconds) ? 0 : 1);
    }

    private boolean run(String superuser, String password, int rate, int seconds) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode login = send("POST", "/api/users/login/", null, Map.of("email", superuser, "password", password));
            String token = login.path("token").asString();
            JsonNode webhook = send(
                    "POST", "/api/webhooks/", token, Map.of("url", receiver.url(), "events", List.of("user.created")));
            String secret = webhook.path("secret").asString();

            Map<String, Long> acknowledgedAt = signUp(rate, seconds);
            if (acknowledgedAt.isEmpty()) {
                System.out.println("no signup was answered 201");
                return false;
            }
            long[] fromResponse = awaitLags(receiver, acknowledgedAt);
            if (fromResponse == null) {
                return false;
            }
            List<Received> received = receiver.received();
            report(received, secret, acknowledgedAt, fromResponse);
            return received.stream().allMatch(delivery -> WebhookReceiver.verifiedOnArrival(secret, delivery));
        }
    }

    // Open loop: a tick every 1/rate s starts a signup on a pool of its own, whatever the earlier ones are doing.
    private Map<String, Long> signUp(int rate, int seconds) throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService requests = Executors.newFixedThreadPool(Math.max(16, rate * 4));
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        ticks.scheduleAtFixedRate(
                () -> {
                    String email = "lag-" + run + "-" + sent.incrementAndGet() + "@example.com";
                    requests.execute(() -> {
                        if (signUp(email)) {
                            acknowledgedAt.put(email, System.currentTimeMillis());
                        } else {
                            refused.incrementAndGet();
                        }
                    });
                },
                0,
                1_000_000_000L / rate,
                TimeUnit.NANOSECONDS);
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        ticks.shutdownNow();
        requests.shutdown();
        requests.awaitTermination(5, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "signups: %d offered at %d/s over %d s; %d answered 201 (%.1f/s over %.1f s), %d not%n",
                sent.get(),
                rate,
                seconds,
                acknowledgedAt.size(),
                acknowledgedAt.size() / elapsed,
                elapsed,
                refused.get());
        System.out.printf(Locale.ROOT, "figure signups_per_s %.1f 1/s%n", acknowledgedAt.size() / elapsed);
        return acknowledgedAt;
    }

    private boolean signUp(String email) {
        try {
            send("POST", "/api/users/", null, Map.of("email", email, "password", PASSWORD));
            return true;
        } catch (IllegalStateException | IOException refused) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The lag of each acknowledged signup, from its 201 to its first delivery; null if some never came. */
    private static long[] awaitLags(WebhookReceiver receiver, Map<String, Long> acknowledgedAt)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERED_WITHIN.toNanos();
        while (true) {
            Map<String, Long> firstReceipt = firstReceipts(receiver.received());
            List<String> missing = acknowledgedAt.keySet().stream()
                    .filter(email -> !firstReceipt.containsKey(email))
                    .toList();
            if (missing.isEmpty()) {
                return acknowledgedAt.entrySet().stream()
                        .mapToLong(entry -> firstReceipt.get(entry.getKey()) - entry.getValue())
                        .sorted()
                        .toArray();
            }
            if (System.nanoTime() > deadline) {
                System.out.printf(
                        Locale.ROOT,
                        "%d of %d acknowledged signups not delivered within %s, e.g. %s%n",
                        missing.size(),
                        acknowledgedAt.size(),
                        DELIVERED_WITHIN,
                        missing.get(0));
                return null;
            }
            // A bench polls its receiver as a test would, ten times a second.
            Thread.sleep(100);
        }
    }

    private static void report(
            List<Received> received, String secret, Map<String, Long> acknowledgedAt, long[] fromResponse) {
        long[] fromEvent = received.stream()
                .filter(delivery -> acknowledgedAt.containsKey(delivery.dataText("email")))
                .mapToLong(delivery -> delivery.arrivedAt().toEpochMilli()
                        - delivery.eventTime().toEpochMilli())
                .sorted()
                .toArray();
        long first = received.stream()
                .mapToLong(delivery -> delivery.arrivedAt().toEpochMilli())
                .min()
                .orElse(0);
        long last = received.stream()
                .mapToLong(delivery -> delivery.arrivedAt().toEpochMilli())
                .max()
                .orElse(0);
        double perSecond = last > first ? received.size() * 1000.0 / (last - first) : received.size();
        long unverified = received.stream()
                .filter(delivery -> !WebhookReceiver.verifiedOnArrival(secret, delivery))
                .count();
        System.out.printf(
                Locale.ROOT,
                "deliveries: %d (%d not verified), %.1f/s from the first to the last%n",
                received.size(),
                unverified,
                perSecond);
        System.out.printf(
                Locale.ROOT,
                "lag from the 201 to the receiver: p50 %d ms, p99 %d ms, max %d ms (%d signups)%n",
                percentile(fromResponse, 0.50),
                percentile(fromResponse, 0.99),
                fromResponse[fromResponse.length - 1],
                fromResponse.length);
        System.out.printf(
                Locale.ROOT,
                "lag from the event's timestamp to the receiver: p50 %d ms, p99 %d ms, max %d ms%n",
                percentile(fromEvent, 0.50),
                percentile(fromEvent, 0.99),
                fromEvent[fromEvent.length - 1]);
        System.out.printf(Locale.ROOT, "figure lag_p50_ms %d ms%n", percentile(fromResponse, 0.50));
        System.out.printf(Locale.ROOT, "figure lag_p99_ms %d ms%n", percentile(fromResponse, 0.99));
        System.out.printf(Locale.ROOT, "figure lag_max_ms %d ms%n", fromResponse[fromResponse.length - 1]);
        System.out.printf(Locale.ROOT, "figure deliveries_per_s %.1f 1/s%n", perSecond);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static Map<String, Long> firstReceipts(List<Received> received) {
        Map<String, Long> first = new HashMap<>();
        for (Received delivery : received) {
            if ("user.created".equals(delivery.type())) {
                first.merge(delivery.dataText("email"), delivery.arrivedAt().toEpochMilli(), Math::min);
            }
        }
        return first;
    }

    /** Sends a JSON request; its JSON answer when 2xx, otherwise IllegalStateException with the status. */
    private JsonNode send(String method, String path, String token, Map<String, ?> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
