package io.keyhold.audit;

import java.util.Locale;

/** The kinds of audit event, exactly as SPEC §12 names them. */
public enum AuditType {
    SIGNUP,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    LOGOUT,
    SESSION_REVOKED,
    PASSWORD_CHANGED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET,
    EMAIL_VERIFICATION_SENT,
    EMAIL_VERIFIED,
    USER_UPDATED,
    USER_DELETED,
    MFA_ENABLED,
    MFA_DISABLED,
    MFA_FAILED,
    RECOVERY_CODES_GENERATED,
    RECOVERY_CODE_USED,
    PASSKEY_ADDED,
    PASSKEY_REMOVED,
    CLIENT_CREATED,
    CLIENT_DELETED,
    WEBHOOK_CREATED,
    WEBHOOK_DELETED;

    /** The name stored and shown: {@code login_failed}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
