package io.keyhold.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.auth.LoginResult.SecondFactorRequired;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The 401 of a right password when a second factor must follow (SPEC §13): a problem with the way on. */
@JsonPropertyOrder({"type", "title", "status", "error", "mfa_required", "mfa_token", "methods"})
@Schema(description = "The problem answered to a right password when the user has a second factor.")
record SecondFactorRequiredProblem(
        String type,
        String title,
        int status,
        String error,

        @Schema(description = "Always true.") @JsonProperty("mfa_required")
        boolean mfaRequired,

        @Schema(
                description = "43 characters: send it to `POST /api/users/login/mfa/` within 5 minutes. Good for "
                        + "5 wrong codes and one success.")
        @JsonProperty("mfa_token")
        String mfaToken,

        @Schema(description = "The second factors this user can give: `totp`, `recovery_code`, `webauthn`.")
        List<String> methods) {

    static final String MESSAGE = "Two-factor authentication required";

    static SecondFactorRequiredProblem of(SecondFactorRequired<?> required) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        return new SecondFactorRequiredProblem(
                "about:blank",
                status.getReasonPhrase(),
                status.value(),
                MESSAGE,
                true,
                required.mfaToken(),
                required.methods());
    }

    @Override
    public String toString() {
        return "SecondFactorRequiredProblem[mfaToken hidden, methods=" + methods + "]";
    }
}
