package io.keyhold;

import io.keyhold.testing.AcknowledgedWrites;
import io.keyhold.testing.AcknowledgedWrites.Check;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.springframework.util.FileSystemUtils;

/**
 * {@code kill -9} under write load, several times, from the built jar: how many acknowledged writes
 * each database kept (SPEC §11: all of them). Not a test: {@code bench/crash.sh} runs it. Each try
 * starts Keyhold on a fresh database (the default H2 file in a new directory, or a new throw-away
 * PostgreSQL database), writes with {@link AcknowledgedWrites} for {@code seconds}, kills the JVM with
 * SIGKILL while the writers are busy, starts it again on the same database and checks every write that
 * was answered 2xx.
 *
 * <pre>CrashBench JAR h2|postgres TRIES WRITERS SECONDS</pre>
 */
public final class CrashBench {

    private CrashBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String database = args[1];
        int tries = Integer.parseInt(args[2]);
        int writers = Integer.parseInt(args[3]);
        Duration writing = Duration.ofSeconds(Long.parseLong(args[4]));
        List<Check> checks = new ArrayList<>();
        for (int attempt = 1; attempt <= tries; attempt++) {
            Check check = crashOnce(jar, database, writers, writing);
            checks.add(check);
            System.out.printf(Locale.ROOT, "try %d: %s%n", attempt, check);
            check.lost().forEach(line -> System.out.println("  lost: " + line));
        }
        System.out.printf(
                Locale.ROOT,
                "%s, %d tries: signups %d/%d, logins %d/%d, name changes %d/%d, all writes %d/%d (found/acknowledged)%n",
                database,
                tries,
                sum(checks, Check::signupsFound),
                sum(checks, Check::signups),
                sum(checks, Check::loginsFound),
                sum(checks, Check::logins),
                sum(checks, Check::renamesFound),
                sum(checks, Check::renames),
                sum(checks, Check::found),
                sum(checks, Check::acknowledged));
        System.exit(checks.stream().allMatch(check -> check.lost().isEmpty()) ? 0 : 1);
    }

    private static Check crashOnce(Path jar, String database, int writers, Duration writing) throws Exception {
        Path directory = Files.createTempDirectory("keyhold-crash");
        String postgres = database.equals("postgres") ? TestDatabase.createPostgresDatabase() : null;
        List<String> arguments = new ArrayList<>(List.of(
                "--keyhold.rate-limits.signup=0",
                "--keyhold.rate-limits.login=0",
                "--keyhold.passwords.hash-wait=60s"));
        if (postgres != null) {
            arguments.addAll(List.of(
                    "--spring.datasource.url=" + TestDatabase.postgresUrl(postgres),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password="));
        }
        try (KeyholdProcess keyhold = KeyholdProcess.start(KeyholdProcess.Launch.jar(jar), directory, arguments)) {
            AcknowledgedWrites writes = new AcknowledgedWrites(keyhold.api());
            writes.start(writers);
            Thread.sleep(writing.toMillis());
            if (!writes.refused().isEmpty()) {
                throw new IllegalStateException("Keyhold refused writes before the kill: " + writes.refused());
            }
            int exit = keyhold.kill();
            if (exit != 137) {
                throw new IllegalStateException("expected exit status 137 (SIGKILL), got " + exit);
            }
            writes.awaitEnded(Duration.ofMinutes(1));
            keyhold.restart();
            return writes.check(keyhold.api());
        } finally {
            if (postgres != null) {
                TestDatabase.dropPostgresDatabase(postgres);
            }
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    private static int sum(List<Check> checks, ToIntFunction<Check> count) {
        return checks.stream().mapToInt(count).sum();
    }
}
