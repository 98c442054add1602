package io.keyhold.problems;

/** 401 with the {@code WWW-Authenticate} challenge every 401 must carry. */
public class NotAuthenticated extends Refusal {

    public static final String NO_CREDENTIALS = "Authentication credentials were not provided.";
    public static final String INVALID_TOKEN = "Invalid token.";

    public NotAuthenticated(String error) {
        this(error, "Bearer");
    }

    private final String challenge;

    protected NotAuthenticated(String error, String challenge) {
        super(Kind.UNAUTHENTICATED, error);
        this.challenge = challenge;
    }

    /** The {@code WWW-Authenticate} header's value. */
    public String challenge() {
        return challenge;
    }

    public static NotAuthenticated invalidToken() {
        return new NotAuthenticated(INVALID_TOKEN, "Bearer error=\"invalid_token\"");
    }
}
