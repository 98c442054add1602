package io.keyhold.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the API answers with a problem-details body. Feature code throws subclasses with
 * meaningful names; {@link ApiExceptionHandler} turns every one of them into the same JSON shape.
 *
 * <p>The message is the client-facing {@code error} text, so it must never carry a secret. No
 * stack trace is captured: these are expected outcomes, not bugs, and some (bad credentials,
 * throttling) are thrown at attack rates.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, List<String>> fieldErrors;
    private final HttpHeaders headers;

    public ApiException(HttpStatus status, String error) {
        this(status, error, Map.of(), HttpHeaders.EMPTY);
    }

    public ApiException(HttpStatus status, String error, Map<String, List<String>> fieldErrors) {
        this(status, error, fieldErrors, HttpHeaders.EMPTY);
    }

    public ApiException(HttpStatus status, String error, Map<String, List<String>> fieldErrors, HttpHeaders headers) {
        super(error, null, false, false);
        this.status = status;
        this.fieldErrors = fieldErrors;
        this.headers = headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return getMessage();
    }

    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
