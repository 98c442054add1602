package io.keyhold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.AcknowledgedWrites;
import io.keyhold.testing.KeyholdProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11: a write answered 2xx survives {@code kill -9}. Keyhold runs in a JVM of its own; several
 * threads sign up, log in and rename users over HTTP; the process is killed (SIGKILL) while they write,
 * started again on the same database, and asked for every acknowledged write.
 */
abstract class KillNineTests {

    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;

    @TempDir
    Path directory;

    /** Keyhold's arguments for the database under test; none for the embedded default. */
    abstract List<String> databaseArguments();

    @Test
    void killNineWhileWritingThenEveryAcknowledgedWriteIsThereAfterRestart() {
        List<String> arguments = new ArrayList<>(databaseArguments());
        // One client address makes every request here; the limits have tests of their own.
        arguments.addAll(List.of(
                "--keyhold.rate-limits.signup=0",
                "--keyhold.rate-limits.login=0",
                "--keyhold.passwords.hash-wait=60s"));
        try (KeyholdProcess keyhold =
                KeyholdProcess.start(KeyholdProcess.Launch.testClassPath(), directory, arguments)) {
            AcknowledgedWrites writes = new AcknowledgedWrites(keyhold.api());
            writes.start(WRITERS);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> writes.acknowledged() >= ACKNOWLEDGED_BEFORE_KILL
                            || !writes.refused().isEmpty());

            int exit = keyhold.kill();
            writes.awaitEnded(Duration.ofMinutes(1));
            keyhold.restart();
            AcknowledgedWrites.Check check = writes.check(keyhold.api());

            assertThat(exit).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
            assertThat(writes.refused())
                    .as("answers other than 2xx before the kill")
                    .isEmpty();
            assertThat(check.acknowledged()).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
            assertThat(check.lost())
                    .as("acknowledged writes missing after the restart: %s", check)
                    .isEmpty();
        }
    }
}
