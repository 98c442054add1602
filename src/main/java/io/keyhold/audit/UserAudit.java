package io.keyhold.audit;

import io.keyhold.users.UserEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records what happens to user accounts, in the transaction of the change. */
@Component
class UserAudit {

    private final AuditLog audit;

    UserAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void onCreated(UserEvents.Created created) {
        audit.record(AuditType.SIGNUP, created.userId(), null);
    }

    @EventListener
    void onUpdated(UserEvents.Updated updated) {
        audit.record(AuditType.USER_UPDATED, updated.userId(), "fields: " + String.join(", ", updated.fields()));
    }

    @EventListener
    void onDeleted(UserEvents.Deleted deleted) {
        audit.record(AuditType.USER_DELETED, deleted.userId(), null);
    }

    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        audit.record(
                AuditType.PASSWORD_CHANGED,
                changed.userId(),
                changed.keptSessionId() == null ? "all sessions ended" : "other sessions ended");
    }
}
