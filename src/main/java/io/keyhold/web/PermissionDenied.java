package io.keyhold.web;

import org.springframework.http.HttpStatus;

/** 403: the caller is known but may not do this. */
public class PermissionDenied extends ApiException {

    public static final String DEFAULT_MESSAGE = "You do not have permission to perform this action.";

    public PermissionDenied() {
        this(DEFAULT_MESSAGE);
    }

    public PermissionDenied(String error) {
        super(HttpStatus.FORBIDDEN, error);
    }
}
