package io.keyhold.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.requests.RequestFields;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.StaffClearance;
import io.keyhold.users.UserIds;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserService;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The caller's second factors ({@code /api/users/me/mfa/}, {@code me/passkeys/}) and staff removing a user's. */
@RestController
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class SecondFactorController {

    private static final String TAG = "Second factors";
    private static final String PASSWORD_REFUSED = "A missing or wrong `current_password`.";

    private final SecondFactors factors;
    private final UserPermissions permissions;
    private final PublicUrlProperties publicUrl;

    SecondFactorController(SecondFactors factors, UserPermissions permissions, PublicUrlProperties publicUrl) {
        this.factors = factors;
        this.permissions = permissions;
        this.publicUrl = publicUrl;
    }

    @Schema(description = "The caller's TOTP authenticator.")
    record TotpJson(
            boolean enabled,

            @Schema(
                    description = "When TOTP was turned on; null while off." + Timestamps.DOC,
                    format = "date-time",
                    nullable = true)
            @JsonProperty("created_at")
            @JsonInclude(JsonInclude.Include.ALWAYS)
            String createdAt) {}

    @Schema(description = "A passkey: never its key or credential id.")
    record PasskeyJson(
            long id,
            String name,

            @Schema(format = "date-time") @JsonProperty("created_at")
            String createdAt,

            @Schema(format = "date-time", description = "Null until first used.", nullable = true)
            @JsonProperty("last_used_at")
            @JsonInclude(JsonInclude.Include.ALWAYS)
            String lastUsedAt) {

        static PasskeyJson of(Passkeys.PasskeyView view) {
            return new PasskeyJson(
                    view.id(),
                    view.name(),
                    Timestamps.format(view.createdAt()),
                    view.lastUsedAt() == null ? null : Timestamps.format(view.lastUsedAt()));
        }
    }

    @Schema(description = "The caller's second factors.")
    record FactorsJson(
            TotpJson totp,
            List<PasskeyJson> passkeys,

            @Schema(description = "Unused recovery codes.") @JsonProperty("recovery_codes_left")
            int recoveryCodesLeft) {}

    @Schema(description = "A new TOTP secret, not active until confirmed. Shown once.")
    record TotpEnrolmentJson(
            @Schema(
                    description = "160 bits, base32, for typing into an app.",
                    example = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
            String secret,

            @Schema(
                    description = "The same secret as an `otpauth://` URL.",
                    example = "otpauth://totp/Keyhold:ada@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                            + "&issuer=Keyhold")
            @JsonProperty("otpauth_url")
            String otpauthUrl,

            @Schema(description = "An SVG image of a QR code of `otpauth_url`, drawn by Keyhold.")
            @JsonProperty("qr_svg")
            String qrSvg) {}

    @Schema(description = "Recovery codes, shown once: each logs in once instead of a second factor.")
    record RecoveryCodesJson(
            @Schema(example = "[\"k7m2x9c4qh\", \"2bz8w5nq3e\"]") @JsonProperty("recovery_codes")
            List<String> recoveryCodes) {}

    @Schema(description = "A passkey flow begun: its id and the options for `navigator.credentials.create()`.")
    record CreationOptionsJson(
            @Schema(description = "Send it back with the credential, within 5 minutes.") @JsonProperty("flow_id")
            String flowId,

            @Schema(
                    implementation = Object.class,
                    description = "PublicKeyCredentialCreationOptions, WebAuthn Level 3 JSON: give it to "
                            + "`PublicKeyCredential.parseCreationOptionsFromJSON()`.")
            JsonNode publicKey) {}

    @Schema(description = "The passkey added, and recovery codes when it is the caller's first second factor.")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record AddedPasskeyJson(
            long id,
            String name,

            @Schema(format = "date-time") @JsonProperty("created_at")
            String createdAt,

            @Schema(format = "date-time", description = "Null: the passkey is not used yet.", nullable = true)
            @JsonProperty("last_used_at")
            @JsonInclude(JsonInclude.Include.ALWAYS)
            String lastUsedAt,

            @Schema(description = "Only with the first second factor; shown once.") @JsonProperty("recovery_codes")
            List<String> recoveryCodes) {}

    @Schema(description = "The caller's password, as proof.")
    record PasswordBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("current_password")
            String currentPassword) {}

    @Schema(description = "A code from the new secret.")
    record CodeBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "492039")
            String code) {}

    @Schema(description = "The password and a TOTP or recovery code.")
    record DisableBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("current_password")
            String currentPassword,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "492039")
            String code) {}

    @Schema(description = "The new passkey.")
    record PasskeyBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("flow_id")
            String flowId,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    oneOf = {Object.class, String.class},
                    description = "The browser's `PublicKeyCredential.toJSON()`; in a form, as JSON text.")
            Object credential,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "YubiKey 5C", maxLength = 100)
            String name) {}

    @GetMapping("/api/users/me/mfa")
    @Operation(operationId = "listSecondFactors", summary = "The caller's second factors", tags = TAG)
    @ApiResponse(responseCode = "200", description = "TOTP, passkeys and the recovery codes left.")
    FactorsJson list(Caller caller) {
        permissions.requireAuthenticated(caller);
        SecondFactors.FactorList list = factors.list(caller.user());
        return new FactorsJson(
                new TotpJson(
                        list.totpSince() != null,
                        list.totpSince() == null ? null : Timestamps.format(list.totpSince())),
                list.passkeys().stream().map(PasskeyJson::of).toList(),
                list.recoveryCodesLeft());
    }

    @PostMapping("/api/users/me/mfa/totp")
    @Operation(
            operationId = "beginTotp",
            summary = "Begin TOTP set-up",
            tags = TAG,
            description = "A new secret for an authenticator app. It counts only once `totp/confirm/` sees a code "
                    + "made from it; beginning again replaces it.")
    @PasswordProof
    @ApiResponse(responseCode = "200", description = "The secret, as text, URL and QR code.")
    @ApiResponse(
            responseCode = "409",
            description = "TOTP is on already.",
            content = @Content(examples = @ExampleObject(name = FactorConflict.TOTP_ALREADY_ON)))
    TotpEnrolmentJson beginTotp(Caller caller, RequestFields body) {
        SecondFactors.TotpEnrolment enrolment = factors.beginTotp(caller, currentPassword(body));
        return new TotpEnrolmentJson(enrolment.secret(), enrolment.otpauthUrl(), enrolment.qrSvg());
    }

    @PostMapping("/api/users/me/mfa/totp/confirm")
    @Operation(
            operationId = "confirmTotp",
            summary = "Confirm TOTP set-up",
            tags = TAG,
            description = "TOTP is on once a code from the new secret is right. Answers a new set of recovery "
                    + "codes, shown once, and ends the caller's other sessions.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = CodeBody.class),
                            examples = @ExampleObject(name = "a code", value = "{\"code\": \"492039\"}")))
    @ApiResponse(responseCode = "200", description = "TOTP is on.")
    @ApiResponse(
            responseCode = "400",
            description = "No code, or a wrong one.",
            content = @Content(examples = @ExampleObject(name = InvalidCode.MESSAGE)))
    @ApiResponse(
            responseCode = "409",
            description = "No set-up was begun, or TOTP is on already.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = FactorConflict.NOTHING_TO_CONFIRM),
                                @ExampleObject(name = FactorConflict.TOTP_ALREADY_ON)
                            }))
    RecoveryCodesJson confirmTotp(Caller caller, RequestFields body) {
        var errors = new FieldErrors();
        String code = body.requiredNonEmptyText("code", errors);
        errors.throwIfAny();
        return new RecoveryCodesJson(factors.confirmTotp(caller, code));
    }

    @DeleteMapping("/api/users/me/mfa/totp")
    @Operation(
            operationId = "disableTotp",
            summary = "Turn TOTP off",
            tags = TAG,
            description = "Needs the password and a TOTP or recovery code. Ends the caller's other sessions. "
                    + "Recovery codes go too when no second factor is left.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = DisableBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "the password and a code",
                                            value =
                                                    "{\"current_password\": \"analytical-engine-1843\", \"code\": \"492039\"}")))
    @ApiResponse(responseCode = "204", description = "TOTP is off.")
    @ApiResponse(responseCode = "400", description = PASSWORD_REFUSED + " Or a missing or wrong code.")
    @ApiResponse(
            responseCode = "409",
            description = "TOTP is off already.",
            content = @Content(examples = @ExampleObject(name = FactorConflict.TOTP_OFF)))
    ResponseEntity<Void> disableTotp(Caller caller, RequestFields body) {
        var errors = new FieldErrors();
        String password = body.requiredText("current_password", errors);
        String code = body.requiredNonEmptyText("code", errors);
        errors.throwIfAny();
        factors.disableTotp(caller, password, code);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/me/mfa/recovery-codes")
    @Operation(
            operationId = "regenerateRecoveryCodes",
            summary = "New recovery codes",
            tags = TAG,
            description = "Ten new codes, shown once; the old ones stop working.")
    @PasswordProof
    @ApiResponse(responseCode = "200", description = "The new codes.")
    @ApiResponse(
            responseCode = "409",
            description = "The caller has no second factor.",
            content = @Content(examples = @ExampleObject(name = FactorConflict.NO_FACTOR)))
    RecoveryCodesJson regenerate(Caller caller, RequestFields body) {
        return new RecoveryCodesJson(factors.regenerateRecoveryCodes(caller, currentPassword(body)));
    }

    @PostMapping("/api/users/me/passkeys/options")
    @Operation(
            operationId = "beginPasskey",
            summary = "Begin adding a passkey",
            tags = TAG,
            description = "Options for `navigator.credentials.create()`: a resident key and user verification "
                    + "preferred, ES256, EdDSA or RS256, no attestation.")
    @PasswordProof
    @ApiResponse(responseCode = "200", description = "The flow and its options.")
    CreationOptionsJson passkeyOptions(Caller caller, RequestFields body) {
        Passkeys.Ceremony ceremony = factors.passkeyOptions(caller, currentPassword(body));
        return new CreationOptionsJson(ceremony.flowId(), ceremony.publicKey());
    }

    @PostMapping("/api/users/me/passkeys")
    @Operation(
            operationId = "addPasskey",
            summary = "Add a passkey",
            tags = TAG,
            description = "Verifies the browser's new credential for the flow and keeps it. Ends the caller's "
                    + "other sessions; the first second factor also brings recovery codes.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = PasskeyBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "a new passkey",
                                            value =
                                                    "{\"flow_id\": \"3f1c9a7e5b2d4c6e8a0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c\", \"name\": \"Laptop\", \"credential\": {\"id\": \"AbC123…\", \"rawId\": \"AbC123…\", \"type\": \"public-key\", \"response\": {\"clientDataJSON\": \"eyJ0eXBl…\", \"attestationObject\": \"o2NmbXRk…\", \"transports\": [\"internal\"]}, \"clientExtensionResults\": {}}}")))
    @ApiResponse(responseCode = "201", description = "The passkey; `Location` names the caller's second factors.")
    @ApiResponse(
            responseCode = "400",
            description = "A missing field, a name over 100 characters, or a credential that does not verify for "
                    + "the flow (unknown, used or expired flow, wrong origin, already registered).",
            content = @Content(examples = @ExampleObject(name = InvalidPasskey.MESSAGE)))
    ResponseEntity<AddedPasskeyJson> addPasskey(Caller caller, RequestFields body) {
        permissions.requireAuthenticated(caller);
        var errors = new FieldErrors();
        String flowId = body.requiredNonEmptyText("flow_id", errors);
        String credential = body.requiredJsonObject("credential", errors);
        String name = body.requiredText("name", errors);
        errors.throwIfAny();
        SecondFactors.AddedPasskey added = factors.addPasskey(caller, flowId, credential, name);
        PasskeyJson passkey = PasskeyJson.of(added.passkey());
        return ResponseEntity.created(publicUrl.resolve("/api/users/me/mfa/"))
                .body(new AddedPasskeyJson(
                        passkey.id(),
                        passkey.name(),
                        passkey.createdAt(),
                        passkey.lastUsedAt(),
                        added.recoveryCodes()));
    }

    @DeleteMapping("/api/users/me/passkeys/{id}")
    @Operation(
            operationId = "removePasskey",
            summary = "Remove a passkey",
            tags = TAG,
            description = "Ends the caller's other sessions. Recovery codes go too when no second factor is left.")
    @PasswordProof
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ApiResponse(
            responseCode = "404",
            description = "Not one of the caller's passkeys.",
            content = @Content(examples = @ExampleObject(name = NotFound.DEFAULT_MESSAGE)))
    ResponseEntity<Void> removePasskey(
            Caller caller,
            @Parameter(description = "The passkey's id.", schema = @Schema(type = "integer", format = "int64"))
                    @PathVariable
                    String id,
            RequestFields body) {
        String password = currentPassword(body);
        factors.removePasskey(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), password);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/users/{id:[0-9]+}/mfa")
    @Operation(
            operationId = "removeSecondFactors",
            summary = "Remove a user's second factors",
            tags = TAG,
            description = "Staff remove every second factor of a user who lost them (a lost phone); only a "
                    + "superuser may do so for a staff or superuser account, and nobody for their own. The user's "
                    + "sessions and half-finished logins end.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ApiResponse(
            responseCode = "403",
            description = "A staff or superuser account and the caller is not a superuser; the caller's own "
                    + "account (that takes the password, under `me/`); or the caller must set up a second factor "
                    + "first (`keyhold.mfa.required-for-staff`).",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER),
                                @ExampleObject(name = SecondFactors.OWN_FACTORS),
                                @ExampleObject(name = StaffClearance.SECOND_FACTOR_REQUIRED)
                            }))
    @ApiResponse(
            responseCode = "404",
            description = "No such user, or one the caller may not see.",
            content = @Content(examples = @ExampleObject(name = NotFound.DEFAULT_MESSAGE)))
    ResponseEntity<Void> removeAll(
            Caller caller,
            @Parameter(description = "The user's id.", schema = @Schema(type = "integer", format = "int64"))
                    @PathVariable
                    String id) {
        factors.removeAll(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }

    private static String currentPassword(RequestFields body) {
        var errors = new FieldErrors();
        String password = body.requiredText("current_password", errors);
        errors.throwIfAny();
        return password;
    }

    /** The body of a change that only the password proves: the field, its example, and the 400 when it is wrong. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = PasswordBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "the password",
                                            value = "{\"current_password\": \"analytical-engine-1843\"}")))
    @ApiResponse(
            responseCode = "400",
            description = PASSWORD_REFUSED,
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "current_password: " + FieldErrors.REQUIRED,
                                        value = "{\"current_password\": [\"" + FieldErrors.REQUIRED + "\"]}"),
                                @ExampleObject(
                                        name = "current_password: " + UserService.WRONG_CURRENT_PASSWORD,
                                        value = "{\"current_password\": [\"" + UserService.WRONG_CURRENT_PASSWORD
                                                + "\"]}")
                            }))
    @interface PasswordProof {}
}
