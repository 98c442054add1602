package io.keyhold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.KeyholdApplication;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moving from Django: the real {@code dumpdata} sample goes in with {@code import-django}, and
 * every user then logs in over HTTP with their old password. Also re-import, bad records,
 * {@code export} round trips and {@code changepassword}. A database of its own, since the
 * sample's ids must not meet other tests' users.
 */
@Import(ScriptedPasswordPrompt.class)
@TestPropertySource(properties = "keyhold.test.purpose=django-migration")
abstract class DjangoMigrationTests extends ApiTest {

    static final Path SAMPLE = Path.of("..", "shared", "django-dumpdata-sample.json");
    static final Path SAMPLE_PASSWORDS = Path.of("..", "shared", "django-dumpdata-sample-passwords.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private ApplicationContext context;

    @Autowired
    private ScriptedPasswordPrompt prompt;

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void resetPrompt() {
        prompt.reset();
    }

    @Test
    void importSampleThenEveryUserLogsInWithTheirDjangoPassword() throws IOException {
        Run run = run(context, "import-django", SAMPLE.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Read 40 records:");
        JsonNode passwords = JSON.readTree(SAMPLE_PASSWORDS.toFile());
        for (JsonNode record : JSON.readTree(SAMPLE.toFile())) {
            JsonNode fields = record.get("fields");
            String email = fields.get("email").asString();
            JsonNode password = passwords.get(email);
            User imported = userAccounts.findById(record.get("pk").asLong()).orElseThrow();
            assertThat(imported.passwordHash()).isEqualTo(fields.get("password").asString());
            assertThat(imported.name())
                    .isEqualTo(
                            fields.get("name").isNull()
                                    ? "Anonymous"
                                    : fields.get("name").asString());
            if (password.isNull()) {
                assertThat(login(email, "any-password-at-all").status())
                        .as(email)
                        .isEqualTo(401);
                continue;
            }
            ApiResponse login = login(email, password.asString());
            boolean active = fields.get("is_active").asBoolean();
            assertThat(login.status())
                    .as("%s (%s)", email, imported.passwordHash().split("\\$")[0])
                    .isEqualTo(active ? 200 : 403);
            if (active) {
                assertThat(login.json().get("user").get("id").asLong())
                        .isEqualTo(record.get("pk").asLong());
                // Upgraded to the current default, unless it was Argon2id at a cost at least as high.
                String upgraded =
                        userAccounts.findById(imported.id()).orElseThrow().passwordHash();
                assertThat(upgraded)
                        .startsWith(
                                imported.passwordHash().startsWith("argon2$argon2id$")
                                        ? "argon2$argon2id$v=19$"
                                        : "argon2$argon2id$v=19$m=19456,t=2,p=1$");
                api.post("/api/users/logout/", login.text("token"));
            }
        }
    }

    @Test
    void importTwiceThenSecondRunChangesNothingAndSaysSo() {
        run(context, "import-django", SAMPLE.toString());
        List<User> before = userAccounts.findAfter(0, 1000);

        Run again = run(context, "import-django", SAMPLE.toString());

        assertThat(again.exit()).isZero();
        assertThat(again.out())
                .contains("0 created, 0 updated, 40 unchanged, 0 skipped")
                .contains("Nothing changed");
        assertThat(userAccounts.findAfter(0, 1000)).isEqualTo(before);
    }

    @Test
    void importContinuesIdsPastTheImportedOnes() {
        run(context, "import-django", SAMPLE.toString());

        ApiResponse signup = signup(Map.of("email", uniqueEmail(), "password", PASSWORD));

        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.id()).isGreaterThan(41);
    }

    @Test
    void badRecordsAreListedAndTheGoodOnesImported() throws IOException {
        Path file = temp.resolve("mixed.json");
        String good = "{\"model\":\"users.customuser\",\"pk\":900001,\"fields\":{\"email\":\"good.one@example.com\","
                + "\"password\":\"md5$salt$1d4ff7a1a0b3b8b9d5c1c0e9c3c9c7f1\",\"is_active\":true,"
                + "\"created_at\":\"2025-01-02T03:04:05.123Z\",\"updated_at\":\"2025-01-02T03:04:05.123Z\"}}";
        Files.writeString(
                file,
                "["
                        + String.join(
                                ",",
                                List.of(
                                        good,
                                        "{\"model\":\"users.customuser\",\"pk\":900002,\"fields\":{\"password\":\"md5$a$b\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900003,\"fields\":{\"email\":\"x@example.com\",\"password\":\"rot13$abc\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900004,\"fields\":{\"email\":\"GOOD.ONE@Example.com\","
                                                + "\"password\":\"!unusable\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900005,\"fields\":{\"email\":\"t@example.com\","
                                                + "\"password\":\"!unusable\",\"created_at\":\"yesterday\"}}",
                                        "{\"model\":\"users.customuser\",\"fields\":{\"email\":\"nopk@example.com\",\"password\":\"!x\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900007,\"fields\":{\"email\":\"long@example.com\","
                                                + "\"password\":\"!x\",\"name\":\"" + "n".repeat(300) + "\"}}",
                                        "{\"model\":\"auth.group\",\"pk\":1,\"fields\":{\"name\":\"editors\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900009,\"fields\":{\"email\":\"eve@example.com\","
                                                + "\"password\":\"!x\",\"name\":\"Eve\\r\\nforged line\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900010,\"fields\":{\"email\":\"good.one@exam\\u00adple.com\","
                                                + "\"password\":\"!x\"}}",
                                        "{\"model\":\"users.customuser\",\"pk\":900011,\"fields\":{\"email\":\"t2@example.com\","
                                                + "\"password\":\"!x\",\"created_at\":\"\\u001b[2Jforged\\nline\"}}"))
                        + "]",
                StandardCharsets.UTF_8);

        Run run = run(context, "import-django", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Read 11 records: 1 created, 0 updated, 0 unchanged, 10 skipped.");
        assertThat(run.err())
                .contains("#2 (pk 900002): no email")
                .contains("#3 (pk 900003): password hash in no known format")
                .contains("#4 (pk 900004): email GOOD.ONE@Example.com collides case-insensitively with user 900001")
                .contains("#5 (pk 900005): unreadable timestamp yesterday")
                .contains("#6: no usable pk")
                .contains("#7 (pk 900007): name, phone or gender longer than Keyhold's columns")
                .contains("#8 (pk 1)")
                .contains("#9 (pk 900009): name, phone or gender holds control or invisible characters")
                .contains("#10 (pk 900010): email holds control or invisible characters")
                .contains("#11 (pk 900011): unreadable timestamp \\u001b[2Jforged\\nline")
                .doesNotContain("\u001b");
        assertThat(run.err().lines())
                .as("a record cannot start a line of its own")
                .noneMatch(line -> line.startsWith("line"));
        assertThat(userAccounts.findById(900001)).isPresent();
    }

    @Test
    void fileThatIsNotADumpThenErrorAndNothingImported() throws IOException {
        Path file = temp.resolve("broken.json");
        Files.writeString(file, "{\"not\": \"an array\"}");

        Run run = run(context, "import-django", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not a dumpdata export").doesNotContain("Exception");
    }

    @Test
    void exportThenImportIntoAnEmptyDatabaseGivesTheSameUsersAndHashes() throws IOException {
        run(context, "import-django", SAMPLE.toString());
        Account local = newUser();
        Path export = temp.resolve("export.json");

        Run exported = run(context, "export", export.toString());

        assertThat(exported.exit()).isZero();
        assertThat(exported.out()).contains("Exported");
        List<User> original = userAccounts.findAfter(0, 10_000);
        try (ConfigurableApplicationContext empty = new SpringApplicationBuilder(KeyholdApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:roundtrip-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "--spring.main.banner-mode=off")) {
            Run imported = run(empty, "import-django", export.toString());

            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains(original.size() + " created");
            List<User> copy = empty.getBean(UserAccounts.class).findAfter(0, 10_000);
            assertThat(copy)
                    .isEqualTo(original.stream()
                            .map(user -> user.withEmailVerified(false))
                            .toList());
            assertThat(copy).anySatisfy(user -> assertThat(user.id()).isEqualTo(local.id()));
        }
    }

    @Test
    void changePasswordThenPolicyAppliedAndEverySessionEnds() {
        Account account = newUser();
        String token = tokenOf(account);
        prompt.answers.addAll(List.of("12345678", "12345678", "Chosen-at-console-8", "Chosen-at-console-8"));

        Run run = run(context, "changepassword", account.email());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("This password is too common.");
        assertThat(run.out()).contains("Password changed successfully");
        assertThat(api.get("/api/users/me/", token).status()).isEqualTo(401);
        assertThat(login(account.email(), "Chosen-at-console-8").status()).isEqualTo(200);
    }

    @Test
    void changePasswordOfUnknownUserThenExit1() {
        Run run = run(context, "changepassword", "nobody-here@example.com");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("does not exist");
        assertThat(prompt.asked).isFalse();
    }

    private static Run run(ApplicationContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = KeyholdCommandLine.commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
