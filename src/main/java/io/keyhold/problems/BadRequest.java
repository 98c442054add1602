package io.keyhold.problems;

/** 400 for a request that cannot be read at all: malformed JSON, a body that is not an object. */
public class BadRequest extends Refusal {

    public BadRequest(String error) {
        super(Kind.INVALID, error);
    }
}
