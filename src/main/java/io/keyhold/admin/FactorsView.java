package io.keyhold.admin;

import io.keyhold.mfa.SecondFactors.FactorList;
import java.time.Instant;
import java.util.List;

/**
 * A user's second factors as the console's pages show them: whether TOTP is on and since when, each
 * passkey by name with its first and last use, and how many recovery codes are left. Never a secret.
 */
record FactorsView(String totpSince, List<PasskeyRow> passkeys, int recoveryCodesLeft) {

    /** Times are ISO instants, which the pages' {@code when} fragment shows. */
    record PasskeyRow(long id, String name, String createdAt, String lastUsedAt) {}

    static FactorsView of(FactorList factors) {
        return new FactorsView(
                iso(factors.totpSince()),
                factors.passkeys().stream()
                        .map(passkey -> new PasskeyRow(
                                passkey.id(), passkey.name(), iso(passkey.createdAt()), iso(passkey.lastUsedAt())))
                        .toList(),
                factors.recoveryCodesLeft());
    }

    public boolean totp() {
        return totpSince != null;
    }

    /** Whether there is anything to remove: recovery codes exist only beside a factor. */
    public boolean any() {
        return totp() || !passkeys.isEmpty();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
