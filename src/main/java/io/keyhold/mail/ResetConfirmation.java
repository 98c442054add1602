package io.keyhold.mail;

import org.jspecify.annotations.NullMarked;

/** The token of a reset link and the password chosen with it, both non-empty. */
@NullMarked
public record ResetConfirmation(String token, String newPassword) {}
