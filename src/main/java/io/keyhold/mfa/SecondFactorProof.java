package io.keyhold.mfa;

import io.keyhold.problems.FieldErrors;

/**
 * What a login gives after its password: exactly one of a TOTP code, a recovery code or a passkey
 * assertion ({@code PublicKeyCredential.toJSON()}, as JSON text).
 */
public record SecondFactorProof(String code, String recoveryCode, String credential) {

    static final String EXACTLY_ONE = "Send exactly one of code, recovery_code and credential.";

    /**
     * The proof if exactly one part was sent; a 400 naming the fields otherwise. A blank code is no
     * code (an empty field of a form), not a wrong one that would count toward the lockout.
     */
    public static SecondFactorProof of(String code, String recoveryCode, String credential, FieldErrors errors) {
        code = blankToNull(code);
        recoveryCode = blankToNull(recoveryCode);
        int given = (code == null ? 0 : 1) + (recoveryCode == null ? 0 : 1) + (credential == null ? 0 : 1);
        if (given != 1) {
            errors.add(given == 0 ? "code" : "non_field_errors", EXACTLY_ONE);
        }
        errors.throwIfAny();
        return new SecondFactorProof(code, recoveryCode, credential);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The method's name as SPEC §13's {@code methods} gives it. */
    public String method() {
        return code != null ? "totp" : recoveryCode != null ? "recovery_code" : "webauthn";
    }

    @Override
    public String toString() {
        return "SecondFactorProof[" + method() + ", hidden]";
    }
}
