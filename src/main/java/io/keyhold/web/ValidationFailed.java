package io.keyhold.web;

import org.springframework.http.HttpStatus;

/** 400: the request was understood but its fields are not acceptable. */
public class ValidationFailed extends ApiException {

    public ValidationFailed(String error, FieldErrors errors) {
        super(HttpStatus.BAD_REQUEST, error, errors.asMap());
    }

    public static ValidationFailed of(String field, String message) {
        var errors = new FieldErrors();
        errors.add(field, message);
        return new ValidationFailed(field + ": " + message, errors);
    }
}
