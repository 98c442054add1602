package io.keyhold.webhooks;

import io.keyhold.auth.LoginEvents;
import io.keyhold.mfa.SecondFactorEvents;
import io.keyhold.sessions.SessionEvents;
import io.keyhold.time.Timestamps;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserJson;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what the features publish into webhook events, in the transaction of each change. The
 * {@code data} of every event is the user as SPEC §1 shows it, read in that transaction (so as
 * the change left it; a deleted user as it was), plus what the event is about: the session, the
 * lock, the second factors. Never a password, hash, code, secret or token.
 *
 * <p>A password change made through an update is {@code user.password_changed} alone, unless the
 * update changed other fields too; an update that changed nothing is no event. A deleted user's
 * sessions go with the account: {@code user.deleted} says so, without a {@code session.ended} for
 * each. Accounts imported from Django ({@code import-django}) arrive without events, as they
 * arrive without audit events.
 *
 * <p>Each listener runs before any other of its event ({@link Ordered#HIGHEST_PRECEDENCE}), so an
 * event is queued before the events its consequences publish in the same transaction: a password
 * change's {@code user.password_changed} comes before the {@code session.ended} of the sessions it
 * ends. An endpoint receives one transaction's events in the order they were queued.
 */
@Component
class WebhookEvents {

    private final Outbox outbox;
    private final UserAccounts accounts;
    private final JsonMapper json;

    WebhookEvents(Outbox outbox, UserAccounts accounts, JsonMapper json) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.json = json;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onCreated(UserEvents.Created created) {
        userEvent(WebhookEventType.USER_CREATED, created.userId(), data -> {});
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onUpdated(UserEvents.Updated updated) {
        if (updated.fields().stream().anyMatch(field -> !field.equals("password"))) {
            userEvent(WebhookEventType.USER_UPDATED, updated.userId(), data -> {});
        }
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onDeleted(UserEvents.Deleted deleted) {
        outbox.enqueue(WebhookEventType.USER_DELETED, () -> describe(deleted.lastState()));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        userEvent(WebhookEventType.USER_PASSWORD_CHANGED, changed.userId(), data -> {});
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onEmailVerified(UserEvents.EmailVerified verified) {
        userEvent(WebhookEventType.USER_EMAIL_VERIFIED, verified.userId(), data -> {});
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onLocked(LoginEvents.Locked locked) {
        userEvent(
                WebhookEventType.USER_LOCKED,
                locked.userId(),
                data -> data.putObject("lock").put("until", Timestamps.format(locked.lockedUntil())));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onSessionStarted(SessionEvents.Started started) {
        userEvent(
                WebhookEventType.SESSION_CREATED,
                started.userId(),
                data -> data.putObject("session")
                        .put("id", started.sessionId())
                        .put("channel", started.channel().code()));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onSessionEnded(SessionEvents.Ended ended) {
        userEvent(
                WebhookEventType.SESSION_ENDED,
                ended.userId(),
                data -> data.putObject("session")
                        .put("id", ended.sessionId())
                        .put("channel", ended.channel().code())
                        .put("reason", ended.reason().code()));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onSecondFactorsChanged(SecondFactorEvents.Changed changed) {
        userEvent(WebhookEventType.MFA_CHANGED, changed.userId(), data -> {
            ObjectNode mfa =
                    data.putObject("mfa").put("change", changed.change().code());
            ArrayNode methods = mfa.putArray("methods");
            changed.methods().forEach(methods::add);
        });
    }

    /** A test event for one endpoint, on a superuser's request: it says which endpoint, and nothing of any user. */
    void test(long endpointId) {
        ObjectNode data = json.createObjectNode();
        data.putObject("webhook").put("id", endpointId);
        outbox.enqueue(WebhookEventType.WEBHOOK_TEST, List.of(endpointId), data);
    }

    /**
     * An event whose data is the user as this transaction sees it, with what {@code about} adds.
     * None if the account is gone: deleted by a transaction that committed meanwhile (a lockout
     * counted as the account is deleted), whose {@code user.deleted} comes after what the account
     * did before.
     */
    private void userEvent(WebhookEventType type, long userId, Consumer<ObjectNode> about) {
        outbox.enqueue(
                type,
                () -> accounts.findById(userId)
                        .map(user -> {
                            ObjectNode data = describe(user);
                            about.accept(data);
                            return data;
                        })
                        .orElse(null));
    }

    private ObjectNode describe(User user) {
        return json.valueToTree(UserJson.of(user));
    }
}
