package io.keyhold.web;

import org.springframework.http.HttpStatus;

/** 400 for a request that cannot be read at all: malformed JSON, a body that is not an object. */
public class BadRequest extends ApiException {

    public BadRequest(String error) {
        super(HttpStatus.BAD_REQUEST, error);
    }
}
