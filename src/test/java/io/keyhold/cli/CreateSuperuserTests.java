package io.keyhold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import picocli.CommandLine;

/** {@code createsuperuser} both ways: typed at a prompt, and {@code --no-input} from the environment. */
@Import(ScriptedPasswordPrompt.class)
@TestPropertySource(properties = CreateSuperuserCommand.PASSWORD_VARIABLE + "=From-the-environment-77")
abstract class CreateSuperuserTests extends ApiTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private ScriptedPasswordPrompt prompt;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void clearPrompt() {
        prompt.reset();
    }

    @Test
    void interactiveThenSuperuserWhoCanLogIn() {
        String email = uniqueEmail();
        prompt.answers.addAll(List.of("Typed-at-the-prompt-1", "Typed-at-the-prompt-1"));

        int exit = run("createsuperuser", "--email", email);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Superuser created successfully");
        assertIsSuperuserWithPassword(email, "Typed-at-the-prompt-1");
    }

    @Test
    void interactiveWhenPasswordsDifferThenAsksAgain() {
        String email = uniqueEmail();
        prompt.answers.addAll(
                List.of("First-attempt-xyz", "Other-attempt-xyz", "Second-try-works-9", "Second-try-works-9"));

        int exit = run("createsuperuser", "--email", email);

        assertThat(exit).isZero();
        assertThat(err.toString()).contains("Your passwords didn't match.");
        assertIsSuperuserWithPassword(email, "Second-try-works-9");
    }

    @Test
    void interactiveWhenPasswordWeakThenPolicyMessagesAndNoAccount() {
        String email = uniqueEmail();
        for (int i = 0; i < 3; i++) {
            prompt.answers.addAll(List.of("12345678", "12345678"));
        }

        int exit = run("createsuperuser", "--email", email);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("This password is too common.").doesNotContain("12345678");
        assertThat(userAccounts.findByEmail(email)).isEmpty();
    }

    @Test
    void noInputThenPasswordFromEnvironment() {
        String email = uniqueEmail();

        int exit = run("createsuperuser", "--no-input", "--email", email);

        assertThat(exit).isZero();
        assertThat(prompt.asked).isFalse();
        assertIsSuperuserWithPassword(email, "From-the-environment-77");
    }

    @Test
    void existingEmailThenErrorAndExit1() {
        Account existing = newUser();

        int exit = run("createsuperuser", "--no-input", "--email", existing.email());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("A user with this email already exists.");
        assertThat(userAccounts.findById(existing.id()).orElseThrow().superuser())
                .isFalse();
    }

    @Test
    void invalidEmailThenErrorAndExit1() {
        assertThat(run("createsuperuser", "--no-input", "--email", "nope")).isEqualTo(1);
        assertThat(err.toString()).contains("Enter a valid email address.");
    }

    @Test
    void overLongNameOrEmailThenFieldMessageNotAStackTrace() {
        String longEmail = "a".repeat(64) + "@" + String.join(".", Collections.nCopies(3, "b".repeat(63))) + ".com";

        assertThat(run("createsuperuser", "--no-input", "--email", uniqueEmail(), "--name", "n".repeat(256)))
                .isEqualTo(1);
        assertThat(run("createsuperuser", "--no-input", "--email", longEmail)).isEqualTo(1);
        assertThat(run("createsuperuser", "--no-input", "--email", uniqueEmail(), "--name", " "))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("Ensure this field has no more than 255 characters.")
                .contains("Ensure this field has no more than 254 characters.")
                .contains("This field may not be blank.")
                .doesNotContain("Exception");
    }

    private int run(String... args) {
        CommandLine commandLine = KeyholdCommandLine.commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void assertIsSuperuserWithPassword(String email, String password) {
        ApiResponse login = login(email, password);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("user").get("is_superuser").asBoolean()).isTrue();
        assertThat(login.json().get("user").get("is_staff").asBoolean()).isTrue();
    }
}
