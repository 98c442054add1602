package io.keyhold.web;

import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * 503: the database did not answer (it is down, restarting, or every connection is busy past
 * Hikari's connection-timeout). The request was not wrong; it may be sent again shortly.
 */
public class DatabaseUnavailable extends ApiException {

    public DatabaseUnavailable() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable.", Map.of(), retryAfter());
    }

    /** Whether a failure means the database is away rather than that the request was wrong. */
    public static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static HttpHeaders retryAfter() {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
