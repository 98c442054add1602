package io.keyhold.webhooks;

import java.net.UnknownHostException;

/**
 * A host name did not resolve within the time its attempt had left. An {@link
 * UnknownHostException}, as {@link TargetRefused} is, because that is all an HTTP client's resolver
 * may throw.
 */
class ResolutionTimedOut extends UnknownHostException {

    ResolutionTimedOut(String host) {
        super("No answer within " + WebhookSender.TIMEOUT.toSeconds() + " seconds: " + host
                + " did not resolve in time");
    }
}
