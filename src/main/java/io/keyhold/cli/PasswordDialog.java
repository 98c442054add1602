package io.keyhold.cli;

import io.keyhold.problems.Refusal;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Asks for a new password the way Django's commands do: twice, up to three times, again after a
 * mismatch or a password the policy refuses, never showing what was typed.
 */
final class PasswordDialog {

    private static final int ATTEMPTS = 3;

    /** What the command made of one password. */
    enum Result {
        DONE,
        TRY_AGAIN,
        FAILED
    }

    private PasswordDialog() {}

    /** Exit status 0 once {@code use} is DONE; 1 when it FAILED, input ended, or attempts ran out. */
    static int run(PasswordPrompt prompt, PrintWriter err, Function<String, Result> use) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String password = prompt.read("Password: ");
            String again = password == null ? null : prompt.read("Password (again): ");
            if (password == null || again == null) {
                err.println("Error: no password given.");
                return 1;
            }
            if (!password.equals(again)) {
                err.println("Error: Your passwords didn't match.");
                continue;
            }
            Result result = use.apply(password);
            if (result != Result.TRY_AGAIN) {
                return result == Result.DONE ? 0 : 1;
            }
        }
        err.println("Error: too many attempts.");
        return 1;
    }

    /** Prints why a password was refused: policy problems may be fixed by another try, the rest not. */
    static Result report(Refusal refused, PrintWriter err) {
        List<String> problems = refused.fieldErrors().getOrDefault("password", List.of());
        if (problems.isEmpty()) {
            err.println("Error: " + refused.error());
            return Result.FAILED;
        }
        problems.forEach(problem -> err.println("Error: " + problem));
        return Result.TRY_AGAIN;
    }
}
