package io.keyhold.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.webhooks.*}.
 *
 * @param allowPrivateTargets lifts both target rules, {@code https:} only and public addresses
 *     only, for development and tests; never in production, where it lets whoever creates an
 *     endpoint make Keyhold post into the private network
 * @param pollInterval how often each node looks for due deliveries; a change committed on a node
 *     wakes that node's worker at once, so this bounds the delay of retries and of events
 *     committed on other nodes
 * @param concurrency how many deliveries a node attempts at once, each to a different endpoint
 */
@ConfigurationProperties("keyhold.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("4") int concurrency) {

    public WebhookProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("keyhold.webhooks.poll-interval must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("keyhold.webhooks.concurrency must be at least 1");
        }
    }
}
