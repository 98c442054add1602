package io.keyhold.problems;

/** 403: the caller is known but may not do this. */
public class PermissionDenied extends Refusal {

    public static final String DEFAULT_MESSAGE = "You do not have permission to perform this action.";

    public PermissionDenied() {
        this(DEFAULT_MESSAGE);
    }

    public PermissionDenied(String error) {
        super(Kind.FORBIDDEN, error);
    }
}
