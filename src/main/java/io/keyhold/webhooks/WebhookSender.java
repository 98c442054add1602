package io.keyhold.webhooks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one delivery attempt: a POST of the event's body with the Standard Webhooks headers,
 * answered within 10 seconds or abandoned, redirects not followed (a 3xx is a failure, as the
 * specification advises). The connection goes only to addresses {@link WebhookTargets} has just
 * checked: the client's resolver is that check, so there is no second lookup to rebind.
 */
@Component
class WebhookSender implements DisposableBean {

    /** SPEC §15: each attempt times out after 10 s, however the receiver stalls. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final ContentType JSON = ContentType.create("application/json");

    /** What a receiver's status line and headers may take: enough for any honest one, not a flood. */
    private static final Http1Config RECEIVER_LIMITS = Http1Config.custom()
            .setMaxLineLength(8192)
            .setMaxHeaderCount(100)
            .setMaxEmptyLineCount(10)
            .build();

    private final WebhookTargets targets;
    private final CloseableHttpClient client;
    private final ThreadLocal<Instant> deadline = new ThreadLocal<>();
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "keyhold-webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(WebhookTargets targets, WebhookProperties properties) {
        this.targets = targets;
        // Nearly every attempt ends before its deadline: cancelled deadlines leave the queue at once.
        deadlines.setRemoveOnCancelPolicy(true);
        Timeout timeout = Timeout.of(TIMEOUT);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(RECEIVER_LIMITS)
                        .build())
                .setDnsResolver(new CheckedResolver(targets, deadline))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        // Per address tried: together they stay within the attempt's 10 s.
                        .setConnectTimeout(Timeout.of(TIMEOUT.dividedBy(WebhookTargets.ADDRESSES_TRIED)))
                        .setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(properties.concurrency())
                .setMaxConnPerRoute(properties.concurrency())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Keyhold-Webhooks")
                .build();
    }

    /**
     * The connection manager's only resolver: the addresses it returns are checked, and the only
     * ones tried; the lookup has what is left of the attempt's 10 s. The client resolves on the
     * thread that executes the request, whose deadline {@link #post} sets.
     */
    private record CheckedResolver(WebhookTargets targets, ThreadLocal<Instant> deadline) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            Instant until = deadline.get();
            return targets.addressesOf(host, until == null ? TIMEOUT : Duration.between(Instant.now(), until));
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** What an attempt got: the status code the endpoint answered, or why there was none. */
    record Outcome(Integer statusCode, String error) {

        static Outcome answered(int statusCode) {
            return new Outcome(statusCode, null);
        }

        static Outcome failed(String error) {
            return new Outcome(null, AttemptErrors.fit(error));
        }

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Posts {@code payload} to {@code url}, signed with {@code secret} as of {@code at}. */
    Outcome post(String url, String secret, String messageId, String payload, Instant at) {
        URI uri = URI.create(url);
        Optional<String> refused = targets.schemeProblem(uri);
        if (refused.isPresent()) {
            return Outcome.failed("Refused: " + refused.get());
        }
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = at.getEpochSecond();
        var request = new HttpPost(uri);
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, body));
        request.setEntity(new ByteArrayEntity(body, JSON));
        // The client's timeouts bound each wait; this bounds the whole attempt (a receiver that drips
        // its answer byte by byte resets every read timeout).
        ScheduledFuture<?> cancelling = deadlines.schedule(request::cancel, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        deadline.set(Instant.now().plus(TIMEOUT));
        try {
            return Outcome.answered(statusOf(request));
        } catch (TargetRefused | ResolutionTimedOut refusedOrLate) {
            return Outcome.failed(refusedOrLate.getMessage());
        } catch (IOException failure) {
            if (request.isCancelled() || failure instanceof InterruptedIOException) {
                return Outcome.failed("No answer within " + TIMEOUT.toSeconds() + " seconds");
            }
            return Outcome.failed(describe(failure));
        } finally {
            deadline.remove();
            cancelling.cancel(false);
        }
    }

    /**
     * The status code, decided on the status line alone: the body is not read, so a receiver that
     * answers 2xx and then streams without end has still answered. Unless there is no body, the
     * connection is dropped rather than drained for reuse.
     */
    private int statusOf(HttpPost request) throws IOException {
        ClassicHttpResponse response = client.executeOpen(null, request, null);
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.getContentLength() != 0) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException afterTheAnswer) {
            // The connection was dropped under the body: the status stands.
        }
        return status;
    }

    private static String describe(IOException failure) {
        if (failure instanceof UnknownHostException) {
            return "Unknown host: " + failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }
}
