package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/keyhold}, the launcher the container image uses, run for real with a stand-in
 * {@code java} that prints what it was given: the memory bound is there unless {@code JAVA_OPTS}
 * says otherwise, and Keyhold's own arguments pass through untouched.
 */
class StartScriptTest {

    private static final Path SCRIPT = Path.of("bin/keyhold").toAbsolutePath();

    @TempDir
    Path home;

    @Test
    void startWhenNoJavaOptsThenHeapBoundedAndArgumentsPassedOn() throws Exception {
        Result result = run(Map.of(), "--server.port=8080", "two words");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output())
                .containsExactly(
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        home.resolve("keyhold.jar").toString(),
                        "--server.port=8080",
                        "two words");
    }

    @Test
    void startWhenJavaOptsSetThenTheyReplaceTheDefaults() throws Exception {
        Result result = run(Map.of("JAVA_OPTS", "-XX:MaxRAMPercentage=75 -Xss512k"), "createsuperuser");

        assertThat(result.output())
                .containsExactly(
                        "-XX:MaxRAMPercentage=75",
                        "-Xss512k",
                        "-jar",
                        home.resolve("keyhold.jar").toString(),
                        "createsuperuser");
    }

    @Test
    void startWhenAotCacheBesideTheJarThenTheJvmStartsFromIt() throws Exception {
        Files.writeString(home.resolve("keyhold.aot"), "not a cache: the stand-in java never opens it");

        Result result = run(Map.of(), "--server.port=8080");

        assertThat(result.output())
                .containsExactly(
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:AOTCache=" + home.resolve("keyhold.aot"),
                        "-jar",
                        home.resolve("keyhold.jar").toString(),
                        "--server.port=8080");
    }

    @Test
    void startWhenTrainingThenTheJvmWritesTheCacheBesideTheJar() throws Exception {
        Files.writeString(home.resolve("keyhold.aot"), "an older cache, replaced by the training run");

        Result result = run(Map.of("KEYHOLD_AOT_TRAINING", "1"));

        assertThat(result.output())
                .containsExactly(
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:AOTCacheOutput=" + home.resolve("keyhold.aot"),
                        "-jar",
                        home.resolve("keyhold.jar").toString());
    }

    @Test
    void startWhenNoJarThenSaysHowToBuildItAndFails() throws Exception {
        Result result = run(Map.of("KEYHOLD_JAR", home.resolve("missing.jar").toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(String.join("\n", result.output())).contains("./mvnw package");
    }

    private record Result(int exitCode, List<String> output) {}

    private Result run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor argument in \"$@\"; do echo \"$argument\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("keyhold.jar"), "not a jar: the stand-in java never opens it");

        var command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("KEYHOLD_AOT_TRAINING");
        builder.environment().put("JAVA_HOME", home.toString());
        builder.environment().put("KEYHOLD_JAR", home.resolve("keyhold.jar").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output.lines().toList());
    }
}
