package io.keyhold.ratelimits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.keyhold.network.ClientInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Per-client-IP limits on the endpoints attackers hammer, as token buckets (Bucket4j) that refill
 * over a minute. The buckets live in a bounded cache that forgets idle clients, so a flood from
 * many addresses cannot grow memory without end. Limits are per node, as SPEC §11 allows.
 */
@Component
public class ClientRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(WINDOW.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    ClientRateLimiter(RateLimitProperties properties) {
        this.properties = properties;
    }

    /** @throws TooManyRequests 429 with {@code Retry-After} once the client has used up its minute */
    public void checkLogin(ClientInfo client) {
        check("login", properties.login(), client);
    }

    /** @throws TooManyRequests 429 with {@code Retry-After} once the client has used up its minute */
    public void checkSignup(ClientInfo client) {
        check("signup", properties.signup(), client);
    }

    /** @throws TooManyRequests 429 with {@code Retry-After} once the client has used up its minute */
    public void checkPasswordReset(ClientInfo client) {
        check("password-reset", properties.passwordReset(), client);
    }

    private void check(String action, int perMinute, ClientInfo client) {
        if (perMinute <= 0 || client.ip() == null) {
            return;
        }
        Bucket bucket = buckets.get(
                action + "|" + client.ip(),
                key -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw new TooManyRequests(Duration.ofSeconds(seconds));
        }
    }
}
