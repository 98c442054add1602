package io.keyhold.mfa;

import java.util.ArrayList;
import java.util.List;

/** Which second factors a user has, read in one query: every login asks. */
record FactorSummary(boolean totp, int passkeys, int recoveryCodes) {

    boolean any() {
        return totp || passkeys > 0;
    }

    /**
     * The factors a login may use now, named as SPEC §13's {@code methods}; none without a second
     * factor, even if recovery codes were left behind.
     */
    List<String> methods() {
        if (!any()) {
            return List.of();
        }
        var methods = new ArrayList<String>();
        if (totp) {
            methods.add("totp");
        }
        if (recoveryCodes > 0) {
            methods.add("recovery_code");
        }
        if (passkeys > 0) {
            methods.add("webauthn");
        }
        return List.copyOf(methods);
    }
}
