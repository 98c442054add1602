/**
 * Webhooks (SPEC §15): account events delivered to applications at least once, in order per
 * endpoint, signed as the Standard Webhooks specification says. Events are queued in an outbox in
 * the transaction of the change they report; a worker on every node claims and posts them, with
 * retries for 24 hours; targets are {@code https:} URLs on public addresses only.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "auth",
            "mfa",
            "paging",
            "problems",
            "requests",
            "secrets",
            "sessions",
            "time",
            "users",
            "web"
        })
package io.keyhold.webhooks;

import org.springframework.modulith.ApplicationModule;
