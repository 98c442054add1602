package io.keyhold.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events Keyhold delivers, as SPEC §15 names them; an endpoint receives those it subscribed to. */
public enum WebhookEventType {
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    USER_DELETED("user.deleted"),
    USER_PASSWORD_CHANGED("user.password_changed"),
    USER_EMAIL_VERIFIED("user.email_verified"),
    USER_LOCKED("user.locked"),
    SESSION_CREATED("session.created"),
    SESSION_ENDED("session.ended"),
    MFA_CHANGED("mfa.changed"),
    /** Sent to one endpoint on a superuser's request ({@code POST /api/webhooks/{id}/test/}); nobody subscribes to it. */
    WEBHOOK_TEST("webhook.test");

    private static final List<WebhookEventType> SUBSCRIBABLE =
            Arrays.stream(values()).filter(type -> type != WEBHOOK_TEST).toList();

    private final String code;

    WebhookEventType(String code) {
        this.code = code;
    }

    /** The {@code type} of the body and the name an endpoint subscribes with: {@code user.created}. */
    public String code() {
        return code;
    }

    /** The types an endpoint may subscribe to, in the order above. */
    public static List<WebhookEventType> subscribable() {
        return SUBSCRIBABLE;
    }

    /** The subscribable type of that name, if there is one. */
    public static Optional<WebhookEventType> subscribable(String code) {
        return SUBSCRIBABLE.stream().filter(type -> type.code.equals(code)).findFirst();
    }
}
