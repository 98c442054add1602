package io.keyhold.mfa;

import io.keyhold.users.StaffClearance;
import io.keyhold.users.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which second factors a user has: what makes a password alone insufficient at login, and what
 * {@code keyhold.mfa.required-for-staff} asks of staff before they act as staff. One query over
 * the three tables, because every login and every staff action asks.
 */
@Component
class FactorPresence implements StaffClearance {

    private final MfaProperties properties;
    private final JdbcClient jdbc;

    FactorPresence(MfaProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    FactorSummary of(long userId) {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM totp_secrets WHERE user_id = ? AND confirmed = TRUE) AS totp,
                       (SELECT COUNT(*) FROM passkeys WHERE user_id = ?) AS passkeys,
                       (SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?) AS recovery_codes
                """)
                .params(userId, userId, userId)
                .query((row, number) ->
                        new FactorSummary(row.getInt("totp") > 0, row.getInt("passkeys"), row.getInt("recovery_codes")))
                .single();
    }

    @Override
    public boolean cleared(User staff) {
        return !properties.requiredForStaff() || of(staff.id()).any();
    }
}
