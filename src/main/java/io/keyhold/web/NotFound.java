package io.keyhold.web;

import org.springframework.http.HttpStatus;

/** 404, also used for things that exist but that the caller may not see. */
public class NotFound extends ApiException {

    public static final String DEFAULT_MESSAGE = "Not found.";

    public NotFound() {
        this(DEFAULT_MESSAGE);
    }

    public NotFound(String error) {
        super(HttpStatus.NOT_FOUND, error);
    }
}
