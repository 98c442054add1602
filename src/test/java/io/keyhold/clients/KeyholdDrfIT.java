package io.keyhold.clients;

import static io.keyhold.testing.FinishedProgram.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.FinishedProgram;
import io.keyhold.testing.Installed;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keyhold-drf, the Django REST Framework authentication class in {@code clients/python/keyhold-drf},
 * installed with pip as a Django project installs it (offline, into a virtual environment over
 * Debian's Django and DRF) and its own suite run against the built jar: a DRF project that
 * authenticates callers through Keyhold's introspection, follows logouts and flag changes after
 * its cache's TTL, and answers 503, never 500, when Keyhold cannot answer (SPEC §14). The Python
 * suite makes its own users and tokens in Keyhold; this side gives it a superuser's token and an
 * API client.
 */
@Installed(
        value = {
            "/usr/lib/python3/dist-packages/django",
            "/usr/lib/python3/dist-packages/rest_framework",
            "/usr/share/doc/python3-venv/copyright",
            "/usr/lib/python3/dist-packages/wheel",
            "/usr/lib/python3/dist-packages/psycopg2"
        },
        by = "apt-get install -y python3-django python3-djangorestframework python3-venv python3-pip python3-wheel"
                + " python3-psycopg2")
class KeyholdDrfIT {

    private static final Path PACKAGE =
            Path.of("clients", "python", "keyhold-drf").toAbsolutePath();
    private static final String SUPERUSER = "admin@example.com";
    private static final String SUPERUSER_PASSWORD = "Django-app-superuser-1";

    @TempDir
    static Path directory;

    private static KeyholdProcess keyhold;

    @BeforeAll
    static void startKeyholdWithASuperuser() {
        Path home = directory.resolve("keyhold");
        createDirectories(home);
        FinishedProgram superuser = run(
                home,
                Map.of("KEYHOLD_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD),
                jar("createsuperuser", "--email", SUPERUSER, "--no-input"));
        assertThat(superuser.exitCode()).isZero();
        // The suite signs up and logs in a few dozen users from 127.0.0.1 within a minute.
        keyhold = KeyholdProcess.start(
                KeyholdProcess.Launch.builtJar(),
                home,
                List.of("--keyhold.rate-limits.signup=0", "--keyhold.rate-limits.login=0"));
    }

    @AfterAll
    static void stopKeyhold() {
        if (keyhold != null) {
            keyhold.close();
        }
    }

    @Test
    void pipInstalledPackageAuthenticatesDrfCallersThroughKeyhold() {
        Path venv = directory.resolve("venv");
        String python = venv.resolve("bin/python").toString();
        FinishedProgram created = run(
                directory,
                Map.of(),
                List.of("/usr/bin/python3", "-m", "venv", "--system-site-packages", venv.toString()));
        assertThat(created.exitCode()).isZero();
        // PyPI is out of reach, and a project's build must not need it: Django and DRF come from
        // Debian, and so do setuptools and wheel (no build isolation).
        FinishedProgram installed = run(
                directory,
                Map.of(),
                List.of(
                        python,
                        "-m",
                        "pip",
                        "install",
                        "--isolated",
                        "--no-index",
                        "--no-build-isolation",
                        "--disable-pip-version-check",
                        PACKAGE.toString()));
        assertThat(installed.exitCode()).isZero();
        String superuserToken = login(SUPERUSER, SUPERUSER_PASSWORD);
        ApiResponse client = keyhold.api().postJson("/api/clients/", superuserToken, Map.of("name", "Django app"));
        assertThat(client.status()).as(client.toString()).isEqualTo(201);
        Map<String, String> suiteEnvironment = new HashMap<>(Map.of(
                "KEYHOLD_URL",
                "http://127.0.0.1:" + keyhold.port(),
                "KEYHOLD_CLIENT_ID",
                client.text("client_id"),
                "KEYHOLD_CLIENT_SECRET",
                client.text("client_secret"),
                "KEYHOLD_SUPERUSER_TOKEN",
                superuserToken));
        if (TestDatabase.postgresReachable() || "true".equalsIgnoreCase(System.getenv("CI"))) {
            // The suite runs again on PostgreSQL, whose UPPER() makes look-alike addresses meet,
            // in throw-away databases it makes and drops; under CI=true it must.
            suiteEnvironment.put("KEYHOLD_DRF_POSTGRES", "postgresql://postgres@127.0.0.1:5432");
        }

        FinishedProgram suite = run(
                directory,
                suiteEnvironment,
                List.of(python, PACKAGE.resolve("tests/runtests.py").toString()));

        assertThat(suite.exitCode())
                .as("the Python suite's exit code (its output is above)")
                .isZero();
        assertThat(suite.output())
                .as("the suite ran the package pip installed, not the checkout's")
                .contains("keyhold_drf 1.0.0 from " + venv)
                .as("the suite's output holds no secret of this side's")
                .doesNotContain(client.text("client_secret"), superuserToken);
    }

    /** {@code java -jar target/keyhold.jar} with these arguments: a management command. */
    private static List<String> jar(String... arguments) {
        List<String> command = new ArrayList<>(KeyholdProcess.Launch.builtJar().command());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String login(String email, String password) {
        ApiResponse login =
                keyhold.api().postJson("/api/users/login/", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("token");
    }
}
