package io.keyhold.cli;

import io.keyhold.problems.Refusal;
import io.keyhold.users.EmailAddress;
import io.keyhold.users.User;
import io.keyhold.users.UserService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code createsuperuser}, as Django's: prompts twice, or takes the password from the environment. */
@Component
@Scope("prototype")
@Command(name = "createsuperuser", mixinStandardHelpOptions = true, description = "Create a superuser account.")
class CreateSuperuserCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "KEYHOLD_SUPERUSER_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--email", required = true, description = "Email address of the new superuser.")
    String email;

    @Option(
            names = "--name",
            description = "Display name (default: ${DEFAULT-VALUE}).",
            defaultValue = User.DEFAULT_NAME)
    String name;

    @Option(
            names = "--no-input",
            description = "Do not prompt; read the password from the " + PASSWORD_VARIABLE + " variable.")
    boolean noInput;

    private final UserService users;
    private final PasswordPrompt prompt;
    private final Environment environment;

    CreateSuperuserCommand(UserService users, PasswordPrompt prompt, Environment environment) {
        this.users = users;
        this.prompt = prompt;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var address = EmailAddress.parse(email);
        if (address.isEmpty()) {
            err.println("Error: Enter a valid email address.");
            return 1;
        }
        if (noInput) {
            String password = environment.getProperty(PASSWORD_VARIABLE);
            if (password == null || password.isEmpty()) {
                err.println("Error: --no-input needs the password in " + PASSWORD_VARIABLE + ".");
                return 1;
            }
            return create(address.get(), password, out, err) == PasswordDialog.Result.DONE ? 0 : 1;
        }
        return PasswordDialog.run(prompt, err, password -> create(address.get(), password, out, err));
    }

    private PasswordDialog.Result create(EmailAddress address, String password, PrintWriter out, PrintWriter err) {
        try {
            User created = users.create(new UserService.NewUser(address, name, null, null, password, true, true, true));
            out.println("Superuser created successfully (id " + created.id() + ").");
            return PasswordDialog.Result.DONE;
        } catch (Refusal refused) {
            return PasswordDialog.report(refused, err);
        }
    }
}
