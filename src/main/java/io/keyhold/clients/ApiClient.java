package io.keyhold.clients;

import java.time.Instant;

/** An application allowed to introspect tokens; its secret is never held here, only its hash in the table. */
public record ApiClient(long id, String clientId, String name, Instant createdAt) {}
