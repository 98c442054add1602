package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyhold.testing.Api;
import io.keyhold.testing.FinishedProgram;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.KeyholdProcess.Launch;
import io.keyhold.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What the container image runs, run here without a container runtime (none works on these
 * machines): the {@code Dockerfile}'s training step and its {@code JAVA_OPTS} and entry point
 * ({@code bin/keyhold-aot-cache}, then {@code bin/keyhold}) on the built jar, its health check
 * command, and {@code compose.yaml}'s environment for Keyhold against a real PostgreSQL. The JVM
 * starts with {@code -XX:AOTMode=on}, so it refuses to start unless it uses the trained cache.
 */
class ContainerImageIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final String PASSWORD = "container-image-42";

    @TempDir
    Path work;

    @BeforeAll
    static void jdkWithAotCache() {
        // .ci/run runs the tests on JDK 25; a developer on 17 is told how, unless CI=true says it must run.
        boolean required = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean hasAotCache = Runtime.version().feature() >= 25;
        if (!required) {
            assumeTrue(hasAotCache, "the AOT cache needs JDK 25: run with JAVA_HOME set to one");
        }
        assertThat(hasAotCache)
                .as("JDK 25 or newer runs the tests under CI=true")
                .isTrue();
    }

    @Test
    void imageStepsWhenRunHereThenTrainedCacheServesComposeConfigurationOnPostgres() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String runtimeOptions = group(dockerfile, "ENV JAVA_OPTS=\"([^\"]+)\"");
        String trainingOptions =
                group(dockerfile, "JAVA_OPTS=\"\\$JAVA_OPTS ([^\"]*)\" /opt/keyhold/bin/keyhold-aot-cache ");
        assertThat(group(dockerfile, "ENTRYPOINT \\[\"([^\"]+)\"\\]")).isEqualTo("/opt/keyhold/bin/keyhold");

        Path app = work.resolve("app");
        FinishedProgram trained = run(
                List.of(
                        Path.of("bin/keyhold-aot-cache").toAbsolutePath().toString(),
                        "target/keyhold.jar",
                        app.toString()),
                Map.of("JAVA_OPTS", runtimeOptions + " " + trainingOptions));
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        assertThat(trained.output()).contains("AOT cache for");
        assertThat(app.resolve("keyhold.aot")).isNotEmptyFile();
        assertThat(app.resolve("keyhold.jar")).isRegularFile();

        String database = TestDatabase.createPostgresDatabase();
        Map<String, String> environment = new HashMap<>(composeEnvironmentFor(database));
        environment.put("JAVA_OPTS", runtimeOptions + " -XX:AOTMode=on");
        Path node = Files.createDirectories(work.resolve("node"));
        try (KeyholdProcess keyhold =
                KeyholdProcess.start(Launch.startScript(app.resolve("keyhold.jar"), environment), node, List.of())) {
            Api api = keyhold.api();
            Map<String, String> account = Map.of("email", "image@example.com", "password", PASSWORD);
            assertThat(api.postJson("/api/users/", null, account).status()).isEqualTo(201);
            String token = api.postJson("/api/users/login/", null, account).text("token");
            assertThat(api.get("/api/users/me/", token).text("email")).isEqualTo("image@example.com");

            String healthCheck = group(dockerfile, "CMD (curl [^\\n]+)")
                    .replace("127.0.0.1:9000", "127.0.0.1:" + keyhold.managementPort());
            assertThat(run(List.of("sh", "-c", healthCheck), Map.of()).exitCode())
                    .as("the image's HEALTHCHECK command on a ready node")
                    .isZero();
            assertThat(node.resolve("data"))
                    .as("compose's database and key in use: no embedded database, no generated key")
                    .doesNotExist();
        } finally {
            TestDatabase.dropPostgresDatabase(database);
        }
    }

    /**
     * Keyhold's environment in compose.yaml, with what compose would fill in: the database on this
     * machine's PostgreSQL (trust, user postgres) instead of the postgres service, and a key.
     */
    private static Map<String, String> composeEnvironmentFor(String database) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        @SuppressWarnings("unchecked")
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        @SuppressWarnings("unchecked")
        var declared = (Map<String, String>) services.get("keyhold").get("environment");
        assertThat(declared)
                .containsOnlyKeys(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "KEYHOLD_MFA_ENCRYPTION_KEY");
        assertThat(declared.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/keyhold");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(
                "SPRING_DATASOURCE_URL",
                TestDatabase.postgresUrl(database),
                "SPRING_DATASOURCE_USERNAME",
                "postgres",
                "SPRING_DATASOURCE_PASSWORD",
                "",
                "KEYHOLD_MFA_ENCRYPTION_KEY",
                Base64.getEncoder().encodeToString(key));
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }

    /** Runs {@code command} here to its end on the test's own JDK (25, which the cache needs). */
    private static FinishedProgram run(List<String> command, Map<String, String> environment) {
        Map<String, String> withJdk = new HashMap<>(environment);
        withJdk.put("JAVA_HOME", System.getProperty("java.home"));
        return FinishedProgram.run(Path.of("").toAbsolutePath(), withJdk, command);
    }
}
