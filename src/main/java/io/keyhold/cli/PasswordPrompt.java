package io.keyhold.cli;

/** Asks a person for a password without showing it, where the terminal allows. */
public interface PasswordPrompt {

    /** The password typed, or null when input has ended. */
    String read(String prompt);
}
