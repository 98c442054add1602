package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.KeyholdProcess.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SPEC §3: nothing an operator sees tells a registered address from an unknown one, so whoever can
 * read the log or the metrics cannot use a reset request or a login to learn who has an account.
 * Keyhold runs in a process of its own, as deployed (mail written to the log, no SMTP server), and
 * each request is compared by the log lines it adds (count, level and logger) and by how far it
 * moves each counter on the management port's Prometheus scrape, once its background work is done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NoEnumerationTests {

    private static final String PASSWORD = "No-enumeration-42";
    private static final String ADMIN = "admin@example.com";
    private static final Duration BACKGROUND_WORK = Duration.ofSeconds(20);
    private static final Pattern SERIES = Pattern.compile("^(\\S+) (\\S+)$", Pattern.MULTILINE);

    private KeyholdProcess keyhold;
    private Api api;
    private String adminToken;
    /** What one scrape adds to the next by itself (the live-sessions gauge runs a query). */
    private Map<String, Double> perScrape;

    /** Where this suite's Keyhold keeps its data. */
    abstract List<String> databaseArguments();

    /** After the process has stopped. */
    void dropDatabase() {}

    @BeforeAll
    void startKeyhold() {
        List<String> arguments = new ArrayList<>(databaseArguments());
        arguments.addAll(List.of(
                // One JSON object per log line, so that lines are told apart by level and logger.
                "--logging.structured.format.console=ecs",
                "--keyhold.rate-limits.login=0",
                "--keyhold.rate-limits.signup=0",
                "--keyhold.rate-limits.password-reset=0",
                // The webhook worker's poll takes connections every second on its own; a request
                // still wakes it at once if it queued a delivery, which would show here.
                "--keyhold.webhooks.poll-interval=1h",
                "--keyhold.bootstrap.admin.email=" + ADMIN,
                "--keyhold.bootstrap.admin.password=" + PASSWORD));
        keyhold = KeyholdProcess.start(arguments);
        api = keyhold.api();
        adminToken = api.postJson("/api/users/login/", null, Map.of("email", ADMIN, "password", PASSWORD))
                .text("token");
        Map<String, Double> settled = settledScrape().counters();
        perScrape = difference(compared(scrape()), settled);
    }

    @AfterAll
    void stopKeyhold() {
        if (keyhold != null) {
            keyhold.close();
        }
        dropDatabase();
    }

    @Test
    void resetRequestForKnownUnknownOrInactiveAddressThenTheSameLogLinesAndMeters() {
        String known = signup();
        String inactive = signup();
        assertThat(api.patchJson("/api/users/" + idOf(inactive) + "/", adminToken, Map.of("is_active", false))
                        .status())
                .isEqualTo(200);
        String unknown = "nobody-" + System.nanoTime() + "@example.com";
        Map<String, Double> start = settledScrape().counters();

        Trace forKnown = traceOf(start, () -> requestReset(known), known);
        Trace forUnknown = traceOf(forKnown.scrape(), () -> requestReset(unknown), unknown);
        Trace forInactive = traceOf(forUnknown.scrape(), () -> requestReset(inactive), inactive);

        assertThat(forKnown.logLines())
                .as("log lines of a reset request for a registered address")
                .containsKey("INFO io.keyhold.mail.Postman");
        assertSameTrace("a registered address", forKnown, "an unknown one", forUnknown);
        assertSameTrace("a registered address", forKnown, "an inactive account's", forInactive);
    }

    @Test
    void loginWithUnknownEmailOrWrongPasswordThenTheSameLogLinesAndMeters() {
        String known = signup();
        String unknown = "stranger-" + System.nanoTime() + "@example.com";
        Map<String, Double> start = settledScrape().counters();

        Trace wrongPassword = traceOf(start, () -> refusedLogin(known), null);
        Trace unknownEmail = traceOf(wrongPassword.scrape(), () -> refusedLogin(unknown), null);

        assertThat(wrongPassword.meters())
                .as("meters moved by a refused login")
                .containsEntry("keyhold_logins_total{outcome=\"bad_credentials\"}", 1.0);
        assertSameTrace("a wrong password", wrongPassword, "an unknown email", unknownEmail);
    }

    /** What one request left behind: its log lines by level and logger, and how far it moved each counter. */
    private record Trace(Map<String, Long> logLines, Map<String, Double> meters, Map<String, Double> scrape) {}

    private Trace traceOf(Map<String, Double> before, Runnable request, String mentionedByItsWork) {
        int logMark = keyhold.log().size();
        request.run();
        if (mentionedByItsWork != null) {
            awaitLogLineMentioning(logMark, mentionedByItsWork);
        }
        Scrape after = settledScrape();
        Map<String, Double> moved = difference(after.counters(), before);
        perScrape.forEach((series, byItself) -> moved.merge(series, -byItself * after.scrapes(), Double::sum));
        moved.values().removeIf(change -> change == 0.0);
        // Read once: the log may grow between two reads, and a second read's size would not fit the first.
        List<LogLine> log = keyhold.log();
        Map<String, Long> lines = log.subList(logMark, log.size()).stream()
                .collect(Collectors.groupingBy(LogLine::levelAndLogger, TreeMap::new, Collectors.counting()));
        return new Trace(lines, moved, after.counters());
    }

    private static void assertSameTrace(String oneCase, Trace one, String otherCase, Trace other) {
        assertThat(other.logLines())
                .as("log lines (level and logger, counted) for %s and for %s", otherCase, oneCase)
                .isEqualTo(one.logLines());
        var series = new TreeSet<>(one.meters().keySet());
        series.addAll(other.meters().keySet());
        Map<String, String> differences = series.stream()
                .filter(name -> !one.meters()
                        .getOrDefault(name, 0.0)
                        .equals(other.meters().getOrDefault(name, 0.0)))
                .collect(Collectors.toMap(
                        Function.identity(),
                        name -> oneCase + " +" + one.meters().getOrDefault(name, 0.0) + ", " + otherCase + " +"
                                + other.meters().getOrDefault(name, 0.0),
                        (a, b) -> a,
                        TreeMap::new));
        assertThat(differences)
                .as("counters moved differently for %s and for %s", oneCase, otherCase)
                .isEmpty();
    }

    /** Waits (bounded) for the request's background work to log its mail; a request that logs nothing is reported by the comparison. */
    private void awaitLogLineMentioning(int logMark, String text) {
        try {
            await().atMost(BACKGROUND_WORK)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> keyhold.log().subList(logMark, keyhold.log().size()).stream()
                            .anyMatch(line -> line.message().contains(text)));
        } catch (ConditionTimeoutException nothingLogged) {
            // Compared below.
        }
    }

    /** The compared counters of a scrape, and how many scrapes it took to get there. */
    private record Scrape(Map<String, Double> counters, int scrapes) {}

    /** Scrapes until no database connection is in use: the background work has let go of its own. */
    private Scrape settledScrape() {
        var scrapes = new AtomicInteger();
        var last = new AtomicReference<Map<String, Double>>();
        await().atMost(BACKGROUND_WORK).pollInterval(Duration.ofMillis(50)).until(() -> {
            scrapes.incrementAndGet();
            last.set(scrape());
            return last.get().getOrDefault("hikaricp_connections_active{pool=\"HikariPool-1\"}", 0.0) == 0.0;
        });
        return new Scrape(compared(last.get()), scrapes.get());
    }

    /**
     * Counter totals and how often each timer recorded, and Keyhold's own meters; not the JVM's
     * and the machine's figures, which move on their own, nor durations.
     */
    private static Map<String, Double> compared(Map<String, Double> scrape) {
        Map<String, Double> counters = new TreeMap<>(scrape);
        counters.keySet().removeIf(series -> !isCompared(series));
        return counters;
    }

    private static boolean isCompared(String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        boolean countsSomething = name.endsWith("_total") || name.endsWith("_count") || name.startsWith("keyhold_");
        boolean movesOnItsOwn = name.startsWith("jvm_")
                || name.startsWith("process_")
                || name.startsWith("system_")
                || name.startsWith("disk_")
                || name.endsWith("_sum")
                || name.endsWith("_max");
        return countsSomething && !movesOnItsOwn;
    }

    private Map<String, Double> scrape() {
        ApiResponse metrics = keyhold.management().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        Map<String, Double> series = new TreeMap<>();
        var matcher = SERIES.matcher(metrics.body());
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("#")) {
                series.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
            }
        }
        return series;
    }

    private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> moved = new TreeMap<>();
        after.forEach((series, value) -> moved.put(series, value - before.getOrDefault(series, 0.0)));
        before.keySet().stream()
                .filter(series -> !after.containsKey(series))
                .forEach(series -> moved.put(series, -before.get(series)));
        return moved;
    }

    private String signup() {
        String email = "user-" + System.nanoTime() + "@example.com";
        assertThat(api.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        return email;
    }

    private long idOf(String email) {
        return api.get("/api/users/?search=" + email, adminToken)
                .json()
                .get("results")
                .get(0)
                .get("id")
                .asLong();
    }

    private void requestReset(String email) {
        assertThat(api.postJson("/api/users/password-reset/", null, Map.of("email", email))
                        .status())
                .isEqualTo(202);
    }

    private void refusedLogin(String email) {
        assertThat(api.postJson("/api/users/login/", null, Map.of("email", email, "password", "Wrong-password-1"))
                        .status())
                .isEqualTo(401);
    }
}
