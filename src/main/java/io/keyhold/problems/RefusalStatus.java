package io.keyhold.problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The HTTP side of a {@link Refusal}: its status and headers. Only controllers and filters use it. */
public final class RefusalStatus {

    private RefusalStatus() {}

    public static HttpStatus of(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** {@code Retry-After} in whole seconds, and a 401's {@code WWW-Authenticate} challenge. */
    public static HttpHeaders headersOf(Refusal refusal) {
        var headers = new HttpHeaders();
        refusal.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        if (refusal instanceof NotAuthenticated unauthenticated) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, unauthenticated.challenge());
        }
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
