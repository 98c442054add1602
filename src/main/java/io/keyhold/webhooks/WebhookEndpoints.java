package io.keyhold.webhooks;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.secrets.EncryptionKey;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.UserPermissions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook endpoints (SPEC §15), a superuser's business: created with the events they receive and
 * a signing secret shown once, listed, deleted, sent a test event, and their recent delivery
 * attempts shown. The API and the console both call this.
 */
@Service
public class WebhookEndpoints {

    /** How many attempts {@link #recentAttempts} shows. */
    public static final int RECENT_ATTEMPTS = 100;

    static final String URL = "url";
    static final String EVENTS = "events";
    static final String EMPTY_LIST = "This list may not be empty.";
    static final String DUPLICATE_EVENT = "Each event type may be listed once.";

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookTargets targets;
    private final WebhookEvents events;
    private final EncryptionKey key;
    private final UserPermissions permissions;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    WebhookEndpoints(
            WebhookEndpointRepository endpoints,
            DeliveryRepository deliveries,
            WebhookTargets targets,
            WebhookEvents events,
            EncryptionKey key,
            UserPermissions permissions,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.events = events;
        this.key = key;
        this.permissions = permissions;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A page of endpoints and how many there are in all. */
    public record PageOfEndpoints(List<WebhookEndpoint> endpoints, long total) {}

    /**
     * Creates an endpoint receiving {@code events} (their codes) at {@code url}: a field error
     * for a URL webhooks may not go to ({@link WebhookTargets}), or for an empty list, an unknown
     * or repeated type. Its secret is in the answer, and nowhere else ever again.
     */
    public CreatedWebhookEndpoint create(Caller caller, String url, List<String> events) {
        permissions.checkSuperuser(caller);
        var errors = new FieldErrors();
        String checkedUrl = targets.check(url, URL, errors);
        List<String> checkedEvents = validEvents(events, errors);
        errors.throwIfAny();
        String secret = WebhookSignature.newSecret();
        String sealed = key.encrypt(secret.getBytes(StandardCharsets.US_ASCII));
        return transaction.execute(status -> {
            var createdAt = Timestamps.now(clock);
            long id = endpoints.insert(
                    checkedUrl, checkedEvents, sealed, createdAt, caller.user().id());
            var endpoint = new WebhookEndpoint(id, checkedUrl, checkedEvents, createdAt);
            audit.record(
                    AuditType.WEBHOOK_CREATED, null, describe(endpoint) + " for " + String.join(", ", checkedEvents));
            return new CreatedWebhookEndpoint(endpoint, secret);
        });
    }

    public PageOfEndpoints list(Caller caller, PageRequest page) {
        permissions.checkSuperuser(caller);
        page.validated();
        long total = endpoints.count();
        page.within(total);
        return new PageOfEndpoints(endpoints.page(page.offset(), page.pageSize()), total);
    }

    public WebhookEndpoint get(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        return endpoints.findById(id).orElseThrow(NotFound::new);
    }

    /** Deletes an endpoint with the deliveries still queued for it and its attempts; nothing more is sent to it. */
    public void delete(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        transaction.executeWithoutResult(status -> {
            WebhookEndpoint endpoint = endpoints.findById(id).orElseThrow(NotFound::new);
            if (!endpoints.delete(id)) {
                // Another request deleted it in between: one deletion, one audit event.
                throw new NotFound();
            }
            deliveries.deleteForEndpoint(id);
            audit.record(AuditType.WEBHOOK_DELETED, null, describe(endpoint));
        });
    }

    /** Queues a {@code webhook.test} event for the endpoint, delivered like any other. */
    public void sendTest(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        transaction.executeWithoutResult(status -> {
            endpoints.findById(id).orElseThrow(NotFound::new);
            events.test(id);
        });
    }

    /** The endpoint's latest {@value #RECENT_ATTEMPTS} delivery attempts, newest first. */
    public List<DeliveryAttempt> recentAttempts(Caller caller, long id) {
        permissions.checkSuperuser(caller);
        endpoints.findById(id).orElseThrow(NotFound::new);
        return deliveries.recentAttempts(id, RECENT_ATTEMPTS);
    }

    /** The types' codes as given, or null with the problems added under {@code events}. */
    private static List<String> validEvents(List<String> events, FieldErrors errors) {
        if (events == null) {
            errors.add(EVENTS, FieldErrors.REQUIRED);
            return null;
        }
        if (events.isEmpty()) {
            errors.add(EVENTS, EMPTY_LIST);
            return null;
        }
        List<String> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String event : events) {
            Optional<WebhookEventType> type = WebhookEventType.subscribable(event);
            if (type.isEmpty()) {
                errors.add(EVENTS, notAChoice(event));
            } else if (!seen.add(event)) {
                errors.add(EVENTS, DUPLICATE_EVENT);
            } else {
                valid.add(event);
            }
        }
        return errors.has(EVENTS) ? null : valid;
    }

    /** DRF's words for a value outside a field's choices. */
    static String notAChoice(String value) {
        return "\"" + value + "\" is not a valid choice.";
    }

    /**
     * The audit detail: the endpoint's id and the origin of its URL. Not the path or query, which
     * may carry a token of the receiver's (Slack-style paths, {@code ?token=}), and staff who are
     * not superusers read the audit log; never the signing secret.
     */
    private static String describe(WebhookEndpoint endpoint) {
        // A URL with a user name or password is refused at creation: the authority is host[:port].
        URI uri = URI.create(endpoint.url());
        return "webhook " + endpoint.id() + " " + uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
