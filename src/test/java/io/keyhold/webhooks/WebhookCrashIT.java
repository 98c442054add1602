package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.AcknowledgedWrites;
import io.keyhold.testing.AcknowledgedWrites.AcknowledgedAccount;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.DeployedKeyhold;
import io.keyhold.testing.DeployedKeyhold.Webhook;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import io.keyhold.webhooks.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §15's promise across a crash: a committed change is always delivered and a rolled-back one
 * never is, even when the node is killed ({@code kill -9}) while deliveries are still waiting in its
 * outbox and changes are in flight. Keyhold from the built jar, on the embedded H2 file and on a throw-away PostgreSQL
 * database, has an endpoint for signups, logins and profile changes at a receiver that answers
 * slowly, so that deliveries queue up behind the load of {@link AcknowledgedWrites}; the JVM is
 * killed while many are still pending and one is in flight, started again on the same database, and
 * the receiver, now quick, must get every acknowledged change, correctly signed.
 *
 * <p>What the restarted server holds is what was committed: the writers' signups whose user is
 * there, and for each, its renames up to the name it has (a writer renames one at a time, each
 * only after the last was acknowledged). Those are delivered too, acknowledged or not — the write
 * in flight at the kill may have committed without its answer — and nothing else is: a delivered
 * {@code user.created} or {@code user.updated} whose user, or whose name, the database does not
 * hold reports a change that was rolled back (the kill undoes the transactions it interrupts).
 * A {@code session.created} can only be held to its user being there: the API shows nobody else's
 * sessions, and the writers do not know the token of a login whose answer the kill swallowed.
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
    // Every address AcknowledgedWrites signs up starts so; no other user of the fresh database does.
    private static final String WRITERS_PREFIX = "crash-";
    private static final Pattern RENAMED = Pattern.compile("Rename ([0-9]+)");

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
        try (WebhookReceiver receiver = new WebhookReceiver();
                DeployedKeyhold keyhold = DeployedKeyhold.start(directory, arguments.toArray(String[]::new))) {
            Webhook webhook = keyhold.newWebhook(receiver.url(), EVENTS);
            receiver.answerAfter(SLOW_ANSWER);
            AcknowledgedWrites writes = new AcknowledgedWrites(keyhold.api());
            writes.start(WRITERS);
            // The kill comes once deliveries have begun and many acknowledged changes still wait.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !writes.refused().isEmpty()
                            || writes.acknowledged() >= ACKNOWLEDGED_BEFORE_KILL
                                    && !receiver.received().isEmpty()
                                    && writes.acknowledged()
                                                    - receiver.received().size()
                                            >= PENDING_AT_KILL);

            int exit = keyhold.kill();
            writes.awaitEnded(Duration.ofMinutes(1));
            receiver.answerAfter(Duration.ZERO);
            keyhold.restart();
            Map<String, JsonNode> kept = writersUsers(keyhold);
            Set<String> acknowledged = acknowledgedEvents(writes.accounts());
            Set<String> committed = committedEvents(kept);
            Set<String> expected = new LinkedHashSet<>(acknowledged);
            expected.addAll(committed);
            Set<String> missing = awaitDelivered(receiver, expected);

            assertThat(exit).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
            assertThat(writes.refused())
                    .as("answers other than 2xx before the kill")
                    .isEmpty();
            assertThat(kept.keySet())
                    .as("acknowledged signups whose user the restarted server holds")
                    .containsAll(writes.accounts().stream()
                            .map(AcknowledgedAccount::email)
                            .toList());
            assertThat(missing)
                    .as(
                            "acknowledged or committed changes never delivered (of %d, %d deliveries received)",
                            expected.size(), receiver.received().size())
                    .isEmpty();
            assertThat(neverCommitted(receiver.received(), kept))
                    .as("deliveries of changes the restarted server does not hold (rolled back at the kill)")
                    .isEmpty();
            assertThat(receiver.received())
                    .as("every delivery, before and after the crash, signed under the endpoint's secret")
                    .allMatch(delivery -> WebhookReceiver.verifiedOnArrival(webhook.secret(), delivery));
        }
    }

    /** One line per acknowledged change that a delivery must report: type, address and, for a rename, the name. */
    private static Set<String> acknowledgedEvents(List<AcknowledgedAccount> accounts) {
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

    /** The same lines for what the restarted server holds: each signup, and its renames up to its name. */
    private static Set<String> committedEvents(Map<String, JsonNode> kept) {
        Set<String> committed = new LinkedHashSet<>();
        kept.forEach((email, user) -> {
            committed.add("user.created " + email);
            for (int rename = 1; rename <= renameNumber(user.path("name").asString()); rename++) {
                committed.add("user.updated " + email + " " + AcknowledgedWrites.renamed(rename));
            }
        });
        return committed;
    }

    /** Each delivery about one of the writers' users that reports a change the database does not hold. */
    private static List<String> neverCommitted(List<Received> received, Map<String, JsonNode> kept) {
        List<String> rolledBack = new ArrayList<>();
        for (Received delivery : received) {
            String email = delivery.dataText("email");
            if (email == null || !email.startsWith(WRITERS_PREFIX)) {
                continue;
            }
            JsonNode user = kept.get(email);
            if (user == null) {
                rolledBack.add(reported(delivery) + ": no such user");
            } else if (!user.path("id").asString().equals(delivery.dataText("id"))) {
                rolledBack.add(reported(delivery) + ": the user's id is " + user.path("id"));
            } else if ("user.updated".equals(delivery.type())
                    && renameNumber(delivery.dataText("name"))
                            > renameNumber(user.path("name").asString())) {
                rolledBack.add(reported(delivery) + ": the user's name is " + user.path("name"));
            }
        }
        return rolledBack;
    }

    /** Every user the writers signed up that the server holds, by address, as {@code GET /api/users/} shows it. */
    private static Map<String, JsonNode> writersUsers(DeployedKeyhold keyhold) {
        Map<String, JsonNode> users = new HashMap<>();
        for (int page = 1; ; page++) {
            ApiResponse listed = keyhold.api()
                    .get(
                            "/api/users/?search=" + WRITERS_PREFIX + "&page_size=100&ordering=id&page=" + page,
                            keyhold.superuserToken());
            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            for (JsonNode user : listed.json().get("results")) {
                users.put(user.path("email").asString(), user);
            }
            if (listed.json().path("next").isNull()) {
                return users;
            }
        }
    }

    /** k for the name {@code "Rename k"} that {@link AcknowledgedWrites#renamed} gives; -1 for any other. */
    private static int renameNumber(String name) {
        Matcher renamed = RENAMED.matcher(name == null ? "" : name);
        return renamed.matches() ? Integer.parseInt(renamed.group(1)) : -1;
    }

    private static String reported(Received delivery) {
        String line = delivery.type() + " " + delivery.dataText("email");
        return "user.updated".equals(delivery.type()) ? line + " " + delivery.dataText("name") : line;
    }

    /** Waits until every expected line has been delivered, or the time is up; what is still missing then. */
    private static Set<String> awaitDelivered(WebhookReceiver receiver, Set<String> expected) {
        try {
            await().atMost(DELIVERED_AFTER_RESTART_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> missing(receiver, expected).isEmpty());
        } catch (ConditionTimeoutException late) {
            // Reported by the assertion on what is missing.
        }
        return missing(receiver, expected);
    }

    private static Set<String> missing(WebhookReceiver receiver, Set<String> expected) {
        Set<String> delivered =
                receiver.received().stream().map(WebhookCrashIT::reported).collect(Collectors.toSet());
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(delivered);
        return missing;
    }
}
