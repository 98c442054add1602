package io.keyhold.clients;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The stored secret hashes of API clients, each trusted for {@link #KEPT_FOR} after it was read.
 * An application introspects on every request it serves: reading its client each time would make
 * introspection two reads (the client, then the token) where {@code GET /me} makes one, and cost a
 * third of its throughput. Tokens are never kept here, so a logout still ends a token everywhere at
 * once; a deleted client is forgotten at once by the node that deleted it, and is refused by every
 * other node within {@link #KEPT_FOR}. Unknown client ids are not kept: they cost a read each, and
 * cannot crowd out the known ones.
 */
@Component
class ClientSecretHashes {

    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    private static final int MAX_CLIENTS = 10_000;

    private final ApiClientRepository clients;
    private final Clock clock;
    /** Bounds memory only; whether an entry may still be trusted is decided by {@link Read#trustedAt}. */
    private final Cache<String, Read> reads = Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterWrite(KEPT_FOR.multipliedBy(2))
            .build();

    ClientSecretHashes(ApiClientRepository clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** A client's stored secret hash, or empty for a client that does not exist. */
    Optional<String> of(String clientId) {
        Instant now = clock.instant();
        Read kept = reads.getIfPresent(clientId);
        if (kept != null && kept.trustedAt(now)) {
            return Optional.of(kept.secretHash());
        }
        Optional<String> stored = clients.findSecretHash(clientId);
        stored.ifPresentOrElse(
                secretHash -> reads.put(clientId, new Read(secretHash, now)), () -> reads.invalidate(clientId));
        return stored;
    }

    /** After a deletion has committed: this node stops trusting what it read. */
    void forget(String clientId) {
        reads.invalidate(clientId);
    }

    private record Read(String secretHash, Instant readAt) {

        /** Within {@link #KEPT_FOR} of the read; a clock that went back trusts nothing it read "later". */
        boolean trustedAt(Instant now) {
            return !now.isBefore(readAt) && now.isBefore(readAt.plus(KEPT_FOR));
        }

        @Override
        public String toString() {
            return "Read[secret hash hidden, readAt=" + readAt + "]";
        }
    }
}
