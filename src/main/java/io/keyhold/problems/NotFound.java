package io.keyhold.problems;

/** 404, also used for things that exist but that the caller may not see. */
public class NotFound extends Refusal {

    public static final String DEFAULT_MESSAGE = "Not found.";

    public NotFound() {
        this(DEFAULT_MESSAGE);
    }

    public NotFound(String error) {
        super(Kind.NOT_FOUND, error);
    }
}
