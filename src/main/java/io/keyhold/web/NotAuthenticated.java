package io.keyhold.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 401 with the {@code WWW-Authenticate} challenge every 401 must carry. */
public class NotAuthenticated extends ApiException {

    public static final String NO_CREDENTIALS = "Authentication credentials were not provided.";
    public static final String INVALID_TOKEN = "Invalid token.";

    public NotAuthenticated(String error) {
        this(error, "Bearer");
    }

    protected NotAuthenticated(String error, String challenge) {
        super(HttpStatus.UNAUTHORIZED, error, Map.of(), challengeHeader(challenge));
    }

    public static NotAuthenticated invalidToken() {
        return new NotAuthenticated(INVALID_TOKEN, "Bearer error=\"invalid_token\"");
    }

    private static HttpHeaders challengeHeader(String challenge) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
