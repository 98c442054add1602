package io.keyhold.requests;

import io.keyhold.problems.Refusal;

/** 415, in DRF's words: a body in a content type none of the parsers reads. */
public final class UnsupportedMediaType extends Refusal {

    UnsupportedMediaType(String mediaType) {
        super(Kind.UNSUPPORTED_MEDIA_TYPE, messageFor(mediaType));
    }

    public static String messageFor(String mediaType) {
        return "Unsupported media type \"" + mediaType + "\" in request.";
    }
}
