package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.mfa.TotpCodes;
import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A user with TOTP on: the secret their app holds, the recovery codes shown, and the API session that set it up. */
record EnrolledTotp(String secret, List<String> recoveryCodes, String token) {

    /**
     * Turns TOTP on through the API, as its owner would, and moves the clock a step on: the step
     * that confirmed it is used up, and the next code must be a fresh one.
     */
    static EnrolledTotp of(Api api, String token, String password, MutableClock clock) {
        ApiResponse begun = api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", password));
        String secret = begun.text("secret");
        ApiResponse confirmed = api.postJson(
                "/api/users/me/mfa/totp/confirm/", token, Map.of("code", TotpCodes.at(secret, clock.instant())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        var codes = new ArrayList<String>();
        confirmed.json().get("recovery_codes").forEach(code -> codes.add(code.asString()));
        clock.advance(TotpCodes.STEP);
        return new EnrolledTotp(secret, List.copyOf(codes), token);
    }

    String codeAt(MutableClock clock) {
        return TotpCodes.at(secret, clock.instant());
    }

    /** A code of the right secret from an hour away: well outside the step of drift allowed. */
    String wrongCodeAt(MutableClock clock) {
        return TotpCodes.at(secret, clock.instant().plus(Duration.ofHours(1)));
    }
}
