package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.AcknowledgedWrites;
import io.keyhold.testing.AcknowledgedWrites.AcknowledgedAccount;
import io.keyhold.testing.DeployedKeyhold;
import io.keyhold.testing.DeployedKeyhold.Webhook;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import io.keyhold.webhooks.WebhookRecorder.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §15's promise across a crash: every change acknowledged with a 2xx is delivered at least
 * once, even when the node is killed ({@code kill -9}) while deliveries are still waiting in its
 * outbox. Keyhold from the built jar, on the embedded H2 file and on a throw-away PostgreSQL
 * database, has an endpoint for signups, logins and profile changes at a receiver that answers
 * slowly, so that deliveries queue up behind the load of {@link AcknowledgedWrites}; the JVM is
 * killed while many are still pending and one is in flight, started again on the same database, and
 * the receiver, now quick, must get every acknowledged change, correctly signed.
 */
class WebhookCrashIT {

    private static final List<String> EVENTS = List.of("user.created", "session.created", "user.updated");
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    // Deliveries to one endpoint go one at a time, so at this pace they fall far behind the writers.
    private static final Duration SLOW_ANSWER = Duration.ofMillis(100);
    private static final int PENDING_AT_KILL = 50;
    // The delivery in flight at the kill waits for its claim to lapse; the rest follow it in order.
    private static final Duration DELIVERED_AFTER_RESTART_WITHIN = Duration.ofMinutes(5);

    @TempDir
    Path directory;

    @Nested
    class OnH2 {

        @Test
        void killNineWithDeliveriesPendingThenEveryAcknowledgedChangeIsDeliveredAfterRestart() {
            killWithDeliveriesPendingAndCheck(directory, List.of());
        }
    }

    @Nested
    @OnPostgres
    class OnPostgreSQL {

        private String database;

        @BeforeEach
        void createDatabase() {
            database = TestDatabase.createPostgresDatabase();
        }

        @AfterEach
        void dropDatabase() {
            TestDatabase.dropPostgresDatabase(database);
        }

        @Test
        void killNineWithDeliveriesPendingThenEveryAcknowledgedChangeIsDeliveredAfterRestart() {
            killWithDeliveriesPendingAndCheck(
                    directory,
                    List.of(
                            "--spring.datasource.url=" + TestDatabase.postgresUrl(database),
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password="));
        }
    }

    private static void killWithDeliveriesPendingAndCheck(Path directory, List<String> databaseArguments) {
        List<String> arguments = new ArrayList<>(databaseArguments);
        arguments.addAll(List.of(
                "--keyhold.webhooks.allow-private-targets=true",
                // Four writers queue many hashes on two cores; this tests outcomes, not speed.
                "--keyhold.passwords.hash-wait=60s"));
        try (WebhookRecorder receiver = WebhookRecorder.start();
                DeployedKeyhold keyhold = DeployedKeyhold.start(directory, arguments.toArray(String[]::new))) {
            Webhook webhook = keyhold.newWebhook(receiver.url(), EVENTS);
            receiver.verifyWith(webhook.secret());
            receiver.answerAfter(SLOW_ANSWER);
            AcknowledgedWrites writes = new AcknowledgedWrites(keyhold.api());
            writes.start(WRITERS);
            // The kill comes once deliveries have begun and many acknowledged changes still wait.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !writes.refused().isEmpty()
                            || writes.acknowledged() >= ACKNOWLEDGED_BEFORE_KILL
                                    && receiver.count() > 0
                                    && writes.acknowledged() - receiver.count() >= PENDING_AT_KILL);

            int exit = keyhold.kill();
            writes.awaitEnded(Duration.ofMinutes(1));
            receiver.answerAfter(Duration.ZERO);
            keyhold.restart();
            Set<String> expected = expectedEvents(writes.accounts());
            Set<String> missing = awaitDelivered(receiver, expected);

            assertThat(exit).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
            assertThat(writes.refused())
                    .as("answers other than 2xx before the kill")
                    .isEmpty();
            assertThat(missing)
                    .as(
                            "acknowledged changes never delivered (of %d, %d deliveries received)",
                            expected.size(), receiver.count())
                    .isEmpty();
            assertThat(receiver.received())
                    .as("every delivery, before and after the crash, signed under the endpoint's secret")
                    .allMatch(Delivery::verified);
        }
    }

    /** One line per acknowledged change that a delivery must report: type, address and, for a rename, the name. */
    private static Set<String> expectedEvents(List<AcknowledgedAccount> accounts) {
        Set<String> expected = new LinkedHashSet<>();
        for (AcknowledgedAccount account : accounts) {
            expected.add("user.created " + account.email());
            if (account.loggedIn()) {
                expected.add("session.created " + account.email());
            }
            for (int rename = 1; rename <= account.renames(); rename++) {
                expected.add("user.updated " + account.email() + " " + AcknowledgedWrites.renamed(rename));
            }
        }
        return expected;
    }

    private static String reported(Delivery delivery) {
        String line = delivery.type() + " " + delivery.dataText("email");
        return "user.updated".equals(delivery.type()) ? line + " " + delivery.dataText("name") : line;
    }

    /** Waits until every expected line has been delivered, or the time is up; what is still missing then. */
    private static Set<String> awaitDelivered(WebhookRecorder receiver, Set<String> expected) {
        try {
            await().atMost(DELIVERED_AFTER_RESTART_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> missing(receiver, expected).isEmpty());
        } catch (ConditionTimeoutException late) {
            // Reported by the assertion on what is missing.
        }
        return missing(receiver, expected);
    }

    private static Set<String> missing(WebhookRecorder receiver, Set<String> expected) {
        Set<String> delivered =
                receiver.received().stream().map(WebhookCrashIT::reported).collect(Collectors.toSet());
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(delivered);
        return missing;
    }
}
