package io.keyhold.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Reads from the terminal with echo off. Without a terminal (input piped in) it reads lines from
 * standard input and says so, as Python's getpass does.
 */
@Component
class TerminalPasswordPrompt implements PasswordPrompt {

    private BufferedReader piped;

    @Override
    public String read(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        }
        System.err.print("Warning: no terminal, the password will be read from standard input.\n" + prompt);
        System.err.flush();
        try {
            if (piped == null) {
                piped = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            return piped.readLine();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
