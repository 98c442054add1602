package io.keyhold.mail;

import org.jspecify.annotations.NullMarked;

/** The non-empty token of a verification link that was followed. */
@NullMarked
public record VerificationConfirmation(String token) {}
