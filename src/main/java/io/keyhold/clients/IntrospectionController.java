package io.keyhold.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;
import io.keyhold.sessions.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/introspect/}: RFC 7662 token introspection for API clients. */
@RestController
class IntrospectionController {

    private static final String BASIC = "Basic ";

    private final TokenIntrospection introspection;

    IntrospectionController(TokenIntrospection introspection) {
        this.introspection = introspection;
    }

    @Schema(description = "RFC 7662's answer: `{\"active\": false}` alone for a token that names no live session.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntrospectionJson(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean active,

            @Schema(description = "The user's id, as a string.", example = "42")
            String sub,

            @Schema(description = "The user's email address.", example = "ada@example.com")
            String username,

            @Schema(example = "ada@example.com") String email,
            @Schema(example = "Ada Lovelace") String name,
            @JsonProperty("is_staff") Boolean staff,
            @JsonProperty("is_superuser") Boolean superuser,
            @JsonProperty("email_verified") Boolean emailVerified,

            @Schema(example = "Bearer") @JsonProperty("token_type")
            String tokenType,

            @Schema(description = "When the session began, in seconds since the epoch.", example = "1795000000")
            Long iat,

            @Schema(
                    description = "When the session ends if the token is not used again (the idle limit, capped by "
                            + "the absolute one), in seconds since the epoch.",
                    example = "1795604800")
            Long exp) {

        static final IntrospectionJson INACTIVE =
                new IntrospectionJson(false, null, null, null, null, null, null, null, null, null, null);

        static IntrospectionJson of(SessionService.LiveSession live) {
            var user = live.user();
            return new IntrospectionJson(
                    true,
                    String.valueOf(user.id()),
                    user.email(),
                    user.email(),
                    user.name(),
                    user.staff(),
                    user.superuser(),
                    user.emailVerified(),
                    "Bearer",
                    live.createdAt().getEpochSecond(),
                    live.expiresAt().getEpochSecond());
        }
    }

    @Schema(description = "The token to introspect, and the client's credentials when they are not sent by HTTP Basic.")
    record IntrospectionBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "A token from `POST /api/users/login/`.",
                    example = "Q2hhbmdlIG1lIHRvIGEgcmVhbCB0b2tlbiBwbGVhc2Uh")
            String token,

            @Schema(description = "RFC 7662 `token_type_hint`; ignored, every token is an access token.")
            @JsonProperty("token_type_hint")
            String tokenTypeHint,

            @Schema(description = "The client's id, unless sent by HTTP Basic.", example = "kh_3q2xVb8mT0aLw9Zc")
            @JsonProperty("client_id")
            String clientId,

            @Schema(description = "The client's secret, unless sent by HTTP Basic.") @JsonProperty("client_secret")
            String clientSecret) {}

    @PostMapping("/api/introspect")
    @Operation(
            operationId = "introspectToken",
            summary = "Introspect a token (RFC 7662)",
            tags = ClientController.TAG,
            description = "For applications, with the credentials of an API client: HTTP Basic "
                    + "`client_id:client_secret`, or `client_id` and `client_secret` among the fields. Answers "
                    + "whether the token names a live session and whose. Makes the same one read as a request "
                    + "authenticated by the token and counts as a use of the session as such a request does; tokens "
                    + "are never cached, so a logout ends a token at once. Spring Security's opaque-token resource "
                    + "server works against it as it is.")
    @SecurityRequirement(name = "client")
    @SecurityRequirement(name = "anonymous")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = IntrospectionBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "a token",
                                            value = "{\"token\": \"Q2hhbmdlIG1lIHRvIGEgcmVhbCB0b2tlbiBwbGVhc2Uh\"}")))
    @ApiResponse(
            responseCode = "200",
            description = "Whether the token is live; if it is, whose it is and until when.",
            content =
                    @Content(
                            schema = @Schema(implementation = IntrospectionJson.class),
                            examples = {
                                @ExampleObject(
                                        name = "live",
                                        value =
                                                "{\"active\": true, \"sub\": \"42\", \"username\": \"ada@example.com\", "
                                                        + "\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\", "
                                                        + "\"is_staff\": false, \"is_superuser\": false, "
                                                        + "\"email_verified\": true, \"token_type\": \"Bearer\", "
                                                        + "\"iat\": 1795000000, \"exp\": 1795604800}"),
                                @ExampleObject(name = "unknown, ended or expired", value = "{\"active\": false}")
                            }))
    @ApiResponse(
            responseCode = "400",
            description = "No `token`.",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "token: " + FieldErrors.REQUIRED,
                                            value = "{\"token\": [\"" + FieldErrors.REQUIRED + "\"]}")))
    @ApiResponse(
            responseCode = "401",
            description = "Missing, unknown or wrong client credentials, or those of a deleted client (challenge "
                    + "`Basic realm=\"keyhold\"`); or a bearer token sent in `Authorization` that names no live "
                    + "session.",
            content = @Content(examples = @ExampleObject(name = InvalidClient.MESSAGE)))
    IntrospectionJson introspect(RequestFields body, HttpServletRequest request) {
        var errors = new FieldErrors();
        String token = body.text("token", errors);
        ClientCredentials client = credentials(request.getHeader(HttpHeaders.AUTHORIZATION), body, errors);
        errors.throwIfAny();
        return introspection
                .introspect(client, token)
                .map(IntrospectionJson::of)
                .orElse(IntrospectionJson.INACTIVE);
    }

    /**
     * HTTP Basic if sent, else the form's fields. RFC 6749 §2.3.1 form-encodes the id and secret
     * before Basic encodes them; Keyhold's are base64url, which that leaves as they are.
     */
    private static ClientCredentials credentials(String authorization, RequestFields body, FieldErrors errors) {
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(
                        Base64.getDecoder()
                                .decode(authorization.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    return new ClientCredentials(null, null);
                }
                return new ClientCredentials(
                        URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return new ClientCredentials(null, null);
            }
        }
        return new ClientCredentials(body.text("client_id", errors), body.text("client_secret", errors));
    }
}
