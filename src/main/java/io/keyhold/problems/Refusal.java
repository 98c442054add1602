package io.keyhold.problems;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request refused for a reason the client should learn. Each feature throws refusals of its own
 * named types ({@code EmailAlreadyUsed}, {@code AccountLocked}); {@link RefusalHandler} turns
 * them into problem JSON, mapping each {@link Kind} to its HTTP status, so features know nothing of
 * HTTP; {@link RefusalStatus} is the one mapping every renderer uses.
 *
 * <p>The message is the client-facing {@code error} text, so it must never carry a secret. No
 * stack trace is captured: these are expected outcomes, not bugs, and some (bad credentials,
 * throttling) are thrown at attack rates.
 */
public abstract class Refusal extends RuntimeException {

    /** What kind of refusal this is; each kind is answered with one HTTP status. */
    public enum Kind {
        /** 400: the request cannot be read, or its fields are not acceptable. */
        INVALID,
        /** 401: no credentials, or credentials that do not prove who the caller is. */
        UNAUTHENTICATED,
        /** 403: the caller is known but may not do this. */
        FORBIDDEN,
        /** 404 */
        NOT_FOUND,
        /** 409: the request conflicts with the current state. */
        CONFLICT,
        /** 413 */
        TOO_LARGE,
        /** 415 */
        UNSUPPORTED_MEDIA_TYPE,
        /** 429: too many attempts; {@link #retryAfter()} says when to try again. */
        TOO_MANY_REQUESTS,
        /** 503: the service cannot answer now; {@link #retryAfter()} says when to try again. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Map<String, List<String>> fieldErrors;

    protected Refusal(Kind kind, String error) {
        this(kind, error, Map.of());
    }

    protected Refusal(Kind kind, String error, Map<String, List<String>> fieldErrors) {
        super(error, null, false, false);
        this.kind = kind;
        this.fieldErrors = fieldErrors;
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return getMessage();
    }

    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    /** When the client may try again ({@code Retry-After}); empty unless the refusal passes with time. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * The refusal's name in meters that count outcomes (for example {@code keyhold.logins}). By default
     * the kind's name; a refusal whose kind is shared with others names itself.
     */
    public String outcome() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
