package io.keyhold.clients;

import io.keyhold.problems.NotAuthenticated;

/**
 * 401 to an application whose credentials are missing, unknown, wrong or of a deleted client. One
 * message for all, so an answer does not tell which client ids exist; the challenge is HTTP Basic,
 * as RFC 7662 clients expect.
 */
public class InvalidClient extends NotAuthenticated {

    public static final String MESSAGE = "Invalid client credentials.";

    public InvalidClient() {
        super(MESSAGE, "Basic realm=\"keyhold\"");
    }
}
