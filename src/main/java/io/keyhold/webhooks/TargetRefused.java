package io.keyhold.webhooks;

import java.net.UnknownHostException;

/**
 * A delivery's host resolved to an address a webhook may not reach. An {@link UnknownHostException}
 * because that is what an HTTP client's resolver may throw: to the client the host has no address
 * it may use, so it never connects.
 */
class TargetRefused extends UnknownHostException {

    TargetRefused(String host) {
        super("Refused: " + host + " resolves to an address that is not public");
    }
}
