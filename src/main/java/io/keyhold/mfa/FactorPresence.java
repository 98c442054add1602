package io.keyhold.mfa;

import io.keyhold.users.StaffClearance;
import io.keyhold.users.User;
import org.springframework.stereotype.Component;

/**
 * Whether a user has a second factor: what makes a password alone insufficient at login, and what
 * {@code keyhold.mfa.required-for-staff} asks of staff before they act as staff.
 */
@Component
class FactorPresence implements StaffClearance {

    private final MfaProperties properties;
    private final TotpRepository totps;
    private final Passkeys passkeys;

    FactorPresence(MfaProperties properties, TotpRepository totps, Passkeys passkeys) {
        this.properties = properties;
        this.totps = totps;
        this.passkeys = passkeys;
    }

    boolean totp(long userId) {
        return totps.find(userId).filter(TotpRepository.StoredTotp::confirmed).isPresent();
    }

    boolean any(long userId) {
        return totp(userId) || passkeys.any(userId);
    }

    @Override
    public boolean cleared(User staff) {
        return !properties.requiredForStaff() || any(staff.id());
    }
}
