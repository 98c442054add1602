package io.keyhold.clients;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.network.ClientInfo;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.Caller;
import io.keyhold.users.UserPermissions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API clients: created, listed and deleted by superusers (or by the command line), and the check
 * of an application's credentials before it may introspect. A client's secret is shown once, at
 * creation, and only its SHA-256 is stored.
 */
@Service
public class ApiClients {

    static final int NAME_MAX_LENGTH = 100;
    private static final int CLIENT_ID_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What {@link #newClientId()} makes; anything else names no client and never reaches the database. */
    private static final Pattern CLIENT_ID_SHAPE = Pattern.compile("kh_[A-Za-z0-9_-]{16}");

    private final ApiClientRepository clients;
    private final ClientSecretHashes secretHashes;
    private final UserPermissions permissions;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ApiClients(
            ApiClientRepository clients,
            ClientSecretHashes secretHashes,
            UserPermissions permissions,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock) {
        this.clients = clients;
        this.secretHashes = secretHashes;
        this.permissions = permissions;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A client as just created, with its secret: the only time the secret is known. */
    public record CreatedClient(ApiClient client, String secret) {

        @Override
        public String toString() {
            return "CreatedClient[" + client + ", secret hidden]";
        }
    }

    /** A page of clients and how many there are in all. */
    public record PageOfClients(List<ApiClient> clients, long total) {}

    /** A superuser creates a client. */
    public CreatedClient create(Caller caller, String name) {
        permissions.checkSuperuser(caller);
        return create(
                FieldErrors.requiredName("name", name, NAME_MAX_LENGTH),
                caller.user().id());
    }

    /** {@code create-client NAME} on the server's own command line, where whoever runs it is trusted. */
    public CreatedClient createFromCommandLine(String name) {
        return create(FieldErrors.requiredName("name", name, NAME_MAX_LENGTH), null);
    }

    private CreatedClient create(String name, Long createdBy) {
        String secret = SecretTokens.newToken();
        return transaction.execute(status -> {
            var unsaved = new ApiClient(0, newClientId(), name, Timestamps.now(clock));
            long id = clients.insert(unsaved, SecretTokens.hash(secret), createdBy);
            var client = new ApiClient(id, unsaved.clientId(), name, unsaved.createdAt());
            audit.record(
                    AuditType.CLIENT_CREATED,
                    null,
                    createdBy,
                    createdBy == null ? new ClientInfo(null, null) : audit.currentClient(),
                    describe(client));
            return new CreatedClient(client, secret);
        });
    }

    public PageOfClients list(Caller caller, PageRequest page) {
        permissions.checkSuperuser(caller);
        page.validated();
        long total = clients.count();
        page.within(total);
        return new PageOfClients(clients.page(page.offset(), page.pageSize()), total);
    }

    /** One client, for a superuser. */
    public ApiClient get(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        return clients.findById(id).orElseThrow(NotFound::new);
    }

    /** Deletes a client: from now on its credentials are refused on every node. */
    public void delete(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        ApiClient deleted = transaction.execute(status -> {
            ApiClient client = clients.findById(id).orElseThrow(NotFound::new);
            if (!clients.delete(id)) {
                // Another request deleted it in between: one deletion, one audit event.
                throw new NotFound();
            }
            audit.record(AuditType.CLIENT_DELETED, null, describe(client));
            return client;
        });
        secretHashes.forget(deleted.clientId());
    }

    /**
     * Checks an application's credentials, or throws {@link InvalidClient}. The secret's hash is
     * compared in constant time, so answers reveal nothing about a secret; whether an id exists may
     * show in the timing (an unknown one costs a read, a known one is usually kept), which is no
     * secret, client ids being public. The stored hash may come from {@link ClientSecretHashes}, so
     * a client deleted on another node is refused here within {@link ClientSecretHashes#KEPT_FOR}.
     */
    void authenticate(ClientCredentials credentials) {
        if (credentials.clientId() == null
                || !CLIENT_ID_SHAPE.matcher(credentials.clientId()).matches()
                || credentials.clientSecret() == null) {
            throw new InvalidClient();
        }
        byte[] presented = SecretTokens.hash(credentials.clientSecret()).getBytes(StandardCharsets.US_ASCII);
        Optional<String> stored = secretHashes.of(credentials.clientId());
        if (stored.isEmpty() || !MessageDigest.isEqual(presented, stored.get().getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidClient();
        }
    }

    /** The audit detail: the client's public id and its name (already free of hidden characters), never its secret. */
    private static String describe(ApiClient client) {
        return "client " + client.id() + " " + client.clientId() + " (" + client.name() + ")";
    }

    /** {@code kh_} and 16 base64url characters: public, but unguessable so ids reveal nothing. */
    private static String newClientId() {
        byte[] bytes = new byte[CLIENT_ID_BYTES];
        RANDOM.nextBytes(bytes);
        return "kh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
