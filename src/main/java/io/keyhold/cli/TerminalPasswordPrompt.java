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
        try {
            if (piped == null) {
                System.err.println("Warning: no terminal, passwords are read from standard input.");
                piped = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            System.err.print(prompt);
            System.err.flush();
            return piped.readLine();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
