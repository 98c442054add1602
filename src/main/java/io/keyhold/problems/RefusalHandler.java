package io.keyhold.problems;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where exceptions become problem-details responses. */
@RestControllerAdvice
class RefusalHandler {

    private static final Logger log = LoggerFactory.getLogger(RefusalHandler.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Problem> refusal(Refusal failure) {
        return problem(
                RefusalStatus.of(failure), failure.error(), failure.fieldErrors(), RefusalStatus.headersOf(failure));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException failure) {
        var headers = new HttpHeaders();
        if (failure.getSupportedHttpMethods() != null) {
            headers.setAllow(failure.getSupportedHttpMethods());
        }
        return problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                "Method \"" + failure.getMethod() + "\" not allowed.",
                Map.of(),
                headers);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noSuchPath() {
        return problem(HttpStatus.NOT_FOUND, NotFound.DEFAULT_MESSAGE, Map.of(), HttpHeaders.EMPTY);
    }

    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<Problem> databaseUnavailable(RuntimeException failure) {
        log.warn("Database unavailable: {}", failure.getClass().getSimpleName());
        return refusal(new DatabaseUnavailable());
    }

    /**
     * Spring's own web exceptions (406, a missing parameter, …) keep their status; anything else
     * is a bug: logged for us, and the client learns nothing about the internals.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception failure) {
        if (failure instanceof ErrorResponse springWeb) {
            HttpStatus status = HttpStatus.resolve(springWeb.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return problem(status, status.getReasonPhrase() + ".", Map.of(), springWeb.getHeaders());
            }
        }
        log.error("Unhandled exception", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error.", Map.of(), HttpHeaders.EMPTY);
    }

    static ResponseEntity<Problem> problem(
            HttpStatus status, String error, Map<String, List<String>> fieldErrors, HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.of(status, error, fieldErrors));
    }
}
