package io.keyhold.clients;

import io.keyhold.problems.NotAuthenticated;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import io.keyhold.users.EmailAddress;
import io.keyhold.users.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/auth/verify/}: forward authentication for reverse proxies (nginx {@code
 * auth_request}, Traefik {@code forwardAuth}, Caddy {@code forward_auth}). The bearer-token filter
 * has already read {@code Authorization} (one indexed read, and a 401 for a token that names no live
 * session); the configured cookie is read only when that header carries no bearer token.
 */
@RestController
class ForwardAuthController {

    static final String USER_ID = "X-Keyhold-User-Id";
    static final String EMAIL = "X-Keyhold-Email";
    static final String STAFF = "X-Keyhold-Staff";
    static final String EMAIL_VERIFIED = "X-Keyhold-Email-Verified";

    private final SessionService sessions;
    private final ForwardAuthProperties properties;

    ForwardAuthController(SessionService sessions, ForwardAuthProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping("/api/auth/verify")
    @Operation(
            operationId = "verifyForwardAuth",
            summary = "Verify a request for a reverse proxy",
            tags = ClientController.TAG,
            description = "For nginx `auth_request`, Traefik `forwardAuth` and Caddy `forward_auth`: the proxy "
                    + "passes on the client's `Authorization: Bearer <token>` (or `Token <token>`), or the cookie "
                    + "named by `keyhold.forward-auth.cookie` if set. A live token → 200 with an empty body and the "
                    + "user in headers, which the proxy hands to the application; anything else → 401.")
    @SecurityRequirement(name = "anonymous")
    @ApiResponse(
            responseCode = "200",
            description = "The token names a live session; the body is empty.",
            headers = {
                @Header(
                        name = USER_ID,
                        description = "The user's id.",
                        schema = @Schema(type = "string", example = "42")),
                @Header(
                        name = EMAIL,
                        description = "The user's email address, its domain in IDNA ASCII form "
                                + "(`ada@xn--bcher-kva.de` for `ada@bücher.de`), so the value is always ASCII.",
                        schema = @Schema(type = "string", example = "ada@example.com")),
                @Header(
                        name = EMAIL_VERIFIED,
                        description =
                                "Whether the user has proved the address by mail (`true`/`false`). Anyone may sign "
                                        + "up with an address nobody uses yet, so an application must not grant anything by "
                                        + "the address's domain unless this is `true`.",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"true", "false"})),
                @Header(
                        name = STAFF,
                        description = "Whether the user is staff (superusers are).",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"true", "false"}))
            })
    @ApiResponse(
            responseCode = "401",
            description = "No token, or one that names no live session.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = NotAuthenticated.NO_CREDENTIALS),
                                @ExampleObject(name = NotAuthenticated.INVALID_TOKEN)
                            }))
    ResponseEntity<Void> verify(Caller caller, HttpServletRequest request) {
        Caller verified = caller.isAnonymous() ? cookieCaller(request) : caller;
        User user = verified.user();
        return ResponseEntity.ok()
                .header(USER_ID, String.valueOf(user.id()))
                // Header values are ASCII on the wire: an international domain goes in its IDNA
                // ASCII form (the same address), where raw UTF-8 would be mangled or dropped.
                .header(EMAIL, EmailAddress.asciiFormOf(user.email()))
                .header(STAFF, String.valueOf(verified.isStaff()))
                .header(EMAIL_VERIFIED, String.valueOf(user.emailVerified()))
                .build();
    }

    /** The caller named by the configured cookie; a dead token there is refused as one in the header is. */
    private Caller cookieCaller(HttpServletRequest request) {
        String token = cookieToken(request).orElseThrow(() -> new NotAuthenticated(NotAuthenticated.NO_CREDENTIALS));
        return sessions.authenticate(token).orElseThrow(NotAuthenticated::invalidToken);
    }

    private Optional<String> cookieToken(HttpServletRequest request) {
        if (properties.cookie() == null || properties.cookie().isBlank() || request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies())
                .filter(cookie -> cookie.getName().equals(properties.cookie()))
                .map(Cookie::getValue)
                .findFirst();
    }
}
