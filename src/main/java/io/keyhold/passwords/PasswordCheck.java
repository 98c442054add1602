package io.keyhold.passwords;

/** Outcome of checking a password against a stored hash. */
public enum PasswordCheck {
    MATCH,
    /** The password is right, but the stored hash is in an older format or weaker than today's default: re-hash it. */
    MATCH_NEEDS_UPGRADE,
    MISMATCH;

    public boolean matches() {
        return this != MISMATCH;
    }
}
