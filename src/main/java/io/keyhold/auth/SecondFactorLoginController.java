package io.keyhold.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.auth.LoginController.LoginResponse;
import io.keyhold.mfa.InvalidCode;
import io.keyhold.mfa.LoginExpired;
import io.keyhold.mfa.PasskeyRefused;
import io.keyhold.mfa.Passkeys;
import io.keyhold.mfa.PendingLogins;
import io.keyhold.mfa.SecondFactorProof;
import io.keyhold.mfa.SecondFactors;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.ratelimits.TooManyRequests;
import io.keyhold.requests.RequestFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The login steps after a password (SPEC §13): a second factor for an {@code mfa_token}, and a
 * login with a passkey alone. Both answer as {@code POST /api/users/login/} does.
 */
@RestController
class SecondFactorLoginController {

    private static final String TAG = "Login and sessions";
    // Examples for the document: what the fields look like, shortened where a real value is long.
    private static final String MFA_TOKEN = "hT2kq9Xw0bZ7fV4mN1rL8cP3sJ6yD5gA0eK2uQ9iW7o";
    private static final String FLOW_ID = "3f1c9a7e5b2d4c6e8a0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c";
    private static final String ASSERTION = "{\"id\": \"AbC123…\", \"rawId\": \"AbC123…\", \"type\": \"public-key\", "
            + "\"response\": {\"clientDataJSON\": \"eyJ0eXBl…\", \"authenticatorData\": \"SZYN5YgO…\", "
            + "\"signature\": \"MEUCIQ…\", \"userHandle\": \"AAAAAAAAACo\"}, \"clientExtensionResults\": {}}";

    private final LoginService logins;
    private final SecondFactors factors;
    private final PendingLogins pendingLogins;

    SecondFactorLoginController(LoginService logins, SecondFactors factors, PendingLogins pendingLogins) {
        this.logins = logins;
        this.factors = factors;
        this.pendingLogins = pendingLogins;
    }

    @Schema(description = "The second step of a login: the `mfa_token` and exactly one proof.")
    record SecondFactorBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "From the 401 of the password step.")
            @JsonProperty("mfa_token")
            String mfaToken,

            @Schema(description = "A 6-digit code from the authenticator app.", example = "492039")
            String code,

            @Schema(description = "One of the recovery codes; each works once.", example = "k7m2x9c4qh")
            @JsonProperty("recovery_code")
            String recoveryCode,

            @Schema(
                    oneOf = {Object.class, String.class},
                    description = "A passkey assertion: the browser's `PublicKeyCredential.toJSON()` for the "
                            + "options of `login/mfa/webauthn-options/`; in a form, as JSON text.")
            Object credential) {}

    @Schema(description = "WebAuthn options for `navigator.credentials.get()`.")
    record RequestOptionsResponse(
            @Schema(
                    implementation = Object.class,
                    description = "PublicKeyCredentialRequestOptions, WebAuthn Level 3 JSON: give it to "
                            + "`PublicKeyCredential.parseRequestOptionsFromJSON()`.")
            JsonNode publicKey) {}

    @Schema(description = "A passkey flow begun: its id and the options for `navigator.credentials.get()`.")
    record FlowOptionsResponse(
            @Schema(description = "Send it back with the credential, within 5 minutes.") @JsonProperty("flow_id")
            String flowId,

            @Schema(
                    implementation = Object.class,
                    description = "PublicKeyCredentialRequestOptions, WebAuthn Level 3 JSON, allowing any passkey.")
            JsonNode publicKey) {}

    @Schema(description = "A passkey login: the flow and the assertion.")
    record PasskeyLoginBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("flow_id")
            String flowId,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    oneOf = {Object.class, String.class},
                    description = "The browser's `PublicKeyCredential.toJSON()`; in a form, as JSON text.")
            Object credential) {}

    @Schema(description = "The login waiting for its second factor.")
    record MfaTokenBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("mfa_token")
            String mfaToken) {}

    @PostMapping("/api/users/login/mfa")
    @Operation(
            operationId = "loginSecondFactor",
            summary = "Log in: the second factor",
            tags = TAG,
            description = "Finishes a login whose password step answered 401 with `mfa_required`. Applies the "
                    + "session policy and answers as a login does. A wrong code counts toward the account's "
                    + "lockout like a wrong password; the `mfa_token` ends after 5 wrong codes or 5 minutes.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = SecondFactorBody.class),
                            examples = {
                                @ExampleObject(
                                        name = "a TOTP code",
                                        value = "{\"mfa_token\": \"" + MFA_TOKEN + "\", \"code\": \"492039\"}"),
                                @ExampleObject(
                                        name = "a recovery code",
                                        value = "{\"mfa_token\": \"" + MFA_TOKEN
                                                + "\", \"recovery_code\": \"k7m2x9c4qh\"}"),
                                @ExampleObject(
                                        name = "a passkey",
                                        value = "{\"mfa_token\": \"" + MFA_TOKEN + "\", \"credential\": " + ASSERTION
                                                + "}")
                            }))
    @ApiResponse(
            responseCode = "400",
            description = "No `mfa_token`, or not exactly one of `code`, `recovery_code`, `credential`.")
    @ApiResponse(
            responseCode = "401",
            description = "A wrong code, or an `mfa_token` that is unknown, used, expired or out of tries.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = InvalidCode.MESSAGE),
                                @ExampleObject(name = LoginExpired.MESSAGE)
                            }))
    @LoginAnswers.OpensSession
    @LoginAnswers.Throttled
    LoginResponse secondFactor(RequestFields body, ClientInfo client) {
        var errors = new FieldErrors();
        String mfaToken = body.requiredNonEmptyText("mfa_token", errors);
        String code = body.text("code", errors);
        String recoveryCode = body.text("recovery_code", errors);
        String credential = body.contains("credential") ? body.requiredJsonObject("credential", errors) : null;
        SecondFactorProof proof = SecondFactorProof.of(code, recoveryCode, credential, errors);
        return LoginResponse.of(logins.completeSecondFactor(mfaToken, proof, client, logins.apiChannel()));
    }

    @PostMapping("/api/users/login/mfa/webauthn-options")
    @Operation(
            operationId = "loginSecondFactorPasskeyOptions",
            summary = "Log in: passkey options for the second factor",
            tags = TAG,
            description = "A challenge for the user's passkeys, for a login waiting for its second factor. Pass "
                    + "`publicKey` to `navigator.credentials.get()` and send the result as `credential` to "
                    + "`login/mfa/`.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = MfaTokenBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "the login",
                                            value = "{\"mfa_token\": \"" + MFA_TOKEN + "\"}")))
    @ApiResponse(responseCode = "200", description = "The options.")
    @ApiResponse(
            responseCode = "400",
            description = "No `mfa_token`.",
            content = @Content(examples = @ExampleObject(name = "mfa_token: " + FieldErrors.REQUIRED)))
    @ApiResponse(
            responseCode = "401",
            description = "An `mfa_token` that is unknown, used, expired or out of tries.",
            content = @Content(examples = @ExampleObject(name = LoginExpired.MESSAGE)))
    RequestOptionsResponse secondFactorPasskeyOptions(RequestFields body) {
        var errors = new FieldErrors();
        String mfaToken = body.requiredNonEmptyText("mfa_token", errors);
        errors.throwIfAny();
        PendingLogins.PendingLogin pending = pendingLogins.live(mfaToken).orElseThrow(LoginExpired::new);
        return new RequestOptionsResponse(
                factors.loginPasskeyOptions(pending.userId(), pending.flowKey()).publicKey());
    }

    @PostMapping("/api/users/login/passkey/options")
    @Operation(
            operationId = "loginPasskeyOptions",
            summary = "Log in with a passkey: options",
            tags = TAG,
            description = "Begins a login with a passkey alone: a challenge that any discoverable passkey of this "
                    + "relying party may answer, with user verification. Needs no body. Counts against the per-IP "
                    + "login limit.")
    @ApiResponse(responseCode = "200", description = "The flow and its options.")
    @ApiResponse(
            responseCode = "429",
            description = "Too many logins from this client IP in the last minute.",
            content = @Content(examples = @ExampleObject(name = TooManyRequests.MESSAGE)))
    FlowOptionsResponse passkeyOptions(ClientInfo client) {
        Passkeys.Ceremony ceremony = logins.passkeyOptions(client);
        return new FlowOptionsResponse(ceremony.flowId(), ceremony.publicKey());
    }

    @PostMapping("/api/users/login/passkey")
    @Operation(
            operationId = "loginPasskey",
            summary = "Log in with a passkey",
            tags = TAG,
            description = "Finishes a login with a passkey alone. The passkey must have verified the user (PIN or "
                    + "biometrics). Applies the session policy and answers as a login does.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = PasskeyLoginBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "an assertion",
                                            value = "{\"flow_id\": \"" + FLOW_ID + "\", \"credential\": " + ASSERTION
                                                    + "}")))
    @ApiResponse(
            responseCode = "400",
            description = "No `flow_id` or `credential`.",
            content = @Content(examples = @ExampleObject(name = "flow_id: " + FieldErrors.REQUIRED)))
    @ApiResponse(
            responseCode = "401",
            description = "The passkey did not verify: unknown, without user verification, or for a flow that "
                    + "is unknown, used or expired.",
            content = @Content(examples = @ExampleObject(name = PasskeyRefused.MESSAGE)))
    @ApiResponse(
            responseCode = "429",
            description = "Too many logins from this client IP.",
            content = @Content(examples = @ExampleObject(name = TooManyRequests.MESSAGE)))
    @LoginAnswers.OpensSession
    LoginResponse passkey(RequestFields body, ClientInfo client) {
        var errors = new FieldErrors();
        String flowId = body.requiredNonEmptyText("flow_id", errors);
        String credential = body.requiredJsonObject("credential", errors);
        errors.throwIfAny();
        return LoginResponse.of(logins.loginWithPasskey(flowId, credential, client, logins.apiChannel()));
    }
}
