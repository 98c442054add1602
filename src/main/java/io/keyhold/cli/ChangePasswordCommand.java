package io.keyhold.cli;

import io.keyhold.problems.Refusal;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code changepassword EMAIL}, as Django's: prompts twice, applies the policy, ends every session. */
@Component
@Scope("prototype")
@Command(
        name = "changepassword",
        mixinStandardHelpOptions = true,
        description = "Set a user's password; every session of that user ends.")
class ChangePasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EMAIL", description = "Email address of the user.")
    String email;

    private final UserAccounts users;
    private final UserService userService;
    private final PasswordPrompt prompt;

    ChangePasswordCommand(UserAccounts users, UserService userService, PasswordPrompt prompt) {
        this.users = users;
        this.userService = userService;
        this.prompt = prompt;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<User> user = users.findByEmail(email);
        if (user.isEmpty()) {
            err.println("Error: user '" + email + "' does not exist.");
            return 1;
        }
        out.println("Changing password for user '" + user.get().email() + "'");
        out.flush();
        return PasswordDialog.run(prompt, err, password -> {
            try {
                userService.storePassword(
                        user.get().id(), userService.hashNewPassword(user.get(), password, "password"));
                out.println(
                        "Password changed successfully for user '" + user.get().email() + "'.");
                return PasswordDialog.Result.DONE;
            } catch (Refusal refused) {
                return PasswordDialog.report(refused, err);
            }
        });
    }
}
