package io.keyhold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** {@code --no-input} needs the password variable; there is no default password to fall back on. */
class CreateSuperuserWithoutVariableTests extends ApiTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noInputWithoutVariableThenExit1AndNoAccount() {
        String email = uniqueEmail();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeyholdCommandLine.commandLine(context);
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("createsuperuser", "--no-input", "--email", email);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(CreateSuperuserCommand.PASSWORD_VARIABLE);
        assertThat(userAccounts.findByEmail(email)).isEmpty();
    }
}
