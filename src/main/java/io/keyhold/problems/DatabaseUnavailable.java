package io.keyhold.problems;

import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * 503: the database did not answer (it is down, restarting, or every connection is busy past
 * Hikari's connection-timeout). The request was not wrong; it may be sent again shortly.
 */
public class DatabaseUnavailable extends Refusal {

    public static final String MESSAGE = "Service temporarily unavailable.";

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public DatabaseUnavailable() {
        super(Kind.UNAVAILABLE, MESSAGE);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
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
}
