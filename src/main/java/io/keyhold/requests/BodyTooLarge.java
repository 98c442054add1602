package io.keyhold.requests;

import io.keyhold.problems.Refusal;

/** 413: the body is over the 64 KiB every endpoint accepts (SPEC §2). */
public final class BodyTooLarge extends Refusal {

    public static final String MESSAGE = "Request body is larger than 65536 bytes.";

    BodyTooLarge() {
        super(Kind.TOO_LARGE, MESSAGE);
    }
}
