package io.keyhold.testing;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes to a Keyhold over real HTTP from several threads and remembers every write it answered 2xx:
 * signups, logins (their tokens) and name changes. Each thread signs up a user, logs it in, renames
 * it {@value #RENAMES_PER_USER} times ({@code "Rename 1"}, {@code "Rename 2"}, …), then starts over with
 * a new user. A thread stops at its first request without an answer, which is how a {@code kill -9}
 * ends it; what it had in flight then was never acknowledged and may or may not have been kept. A
 * running server refuses none of these writes; a thread that meets a refusal stops too, and
 * {@link #refused()} says what it was.
 *
 * <p>{@link #check(Api)} then asks a server (the restarted one) for each acknowledged write: the user
 * exists, its token still answers {@code GET /api/users/me/} with 200, and its name is the last
 * acknowledged one or a later one.
 */
public final class AcknowledgedWrites {

    public static final String PASSWORD = "Crash-safe-password-9";
    static final int RENAMES_PER_USER = 10;
    private static final String RENAME = "Rename ";

    private final Api api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ConcurrentLinkedQueue<Account> accounts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    private final List<Thread> writers = new ArrayList<>();

    /** What one thread wrote for one user; written by that thread only, read after it has ended. */
    private static final class Account {
        final String email;
        String token;
        int renames;

        Account(String email) {
            this.email = email;
        }
    }

    /** Acknowledged and found writes of each kind, and a line for each acknowledged write not found. */
    public record Check(
            int signups,
            int signupsFound,
            int logins,
            int loginsFound,
            int renames,
            int renamesFound,
            List<String> lost) {

        public int acknowledged() {
            return signups + logins + renames;
        }

        public int found() {
            return signupsFound + loginsFound + renamesFound;
        }

        @Override
        public String toString() {
            return "signups " + signupsFound + "/" + signups + ", logins " + loginsFound + "/" + logins
                    + ", name changes " + renamesFound + "/" + renames + " (found/acknowledged)";
        }
    }

    /**
     * What the server acknowledged for one account: its signup, whether its login, and how many of its
     * renames ({@code "Rename 1"} to {@code "Rename <renames>"}).
     */
    public record AcknowledgedAccount(String email, boolean loggedIn, int renames) {}

    public AcknowledgedWrites(Api api) {
        this.api = api;
    }

    /** Starts {@code threads} writers. */
    public void start(int threads) {
        for (int i = 0; i < threads; i++) {
            int number = i;
            Thread writer = new Thread(() -> write(number), "writer-" + number);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Writes answered 2xx so far. */
    public int acknowledged() {
        return acknowledged.get();
    }

    /** Answers other than 2xx the writers met: none, from a healthy server. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** Waits for the writers to end (they end at their first failed request, after a kill); bounded. */
    public void awaitEnded(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            if (writer.isAlive()) {
                throw new IllegalStateException(writer.getName() + " still writing after " + within);
            }
        }
    }

    /** Every account whose signup was acknowledged, with what else was; call after {@link #awaitEnded}. */
    public List<AcknowledgedAccount> accounts() {
        return accounts.stream()
                .map(account -> new AcknowledgedAccount(account.email, account.token != null, account.renames))
                .toList();
    }

    /** The name {@code rename} (1, 2, …) gave an account. */
    public static String renamed(int rename) {
        return RENAME + rename;
    }

    /** Asks the server behind {@code restarted} for every acknowledged write; call after {@link #awaitEnded}. */
    public Check check(Api restarted) {
        int signups = 0, signupsFound = 0, logins = 0, loginsFound = 0, renames = 0, renamesFound = 0;
        List<String> lost = new ArrayList<>();
        for (Account account : accounts) {
            signups++;
            logins += account.token == null ? 0 : 1;
            renames += account.renames;
            if (account.token == null) {
                // Never logged in (as far as we know): a login proves the user is there; 409 means an
                // unacknowledged login got through and was kept, which proves it as well.
                int status = restarted
                        .postJson("/api/users/login/", null, Map.of("email", account.email, "password", PASSWORD))
                        .status();
                if (status == 200 || status == 409) {
                    signupsFound++;
                } else {
                    lost.add("signup of " + account.email + ": login answers " + status);
                }
                continue;
            }
            ApiResponse me = restarted.get("/api/users/me/", account.token);
            if (me.status() != 200) {
                lost.add("token of " + account.email + ": GET /api/users/me/ answers " + me);
                // Whether the user itself is there decides the signup.
                int status = restarted
                        .postJson("/api/users/login/", null, Map.of("email", account.email, "password", PASSWORD))
                        .status();
                signupsFound += status == 200 || status == 409 ? 1 : 0;
                continue;
            }
            signupsFound++;
            loginsFound++;
            int kept = renameNumber(me.text("name"));
            renamesFound += Math.min(kept, account.renames);
            if (kept < account.renames) {
                lost.add("name of " + account.email + ": \"" + me.text("name") + "\", acknowledged \"" + RENAME
                        + account.renames + "\"");
            }
        }
        return new Check(signups, signupsFound, logins, loginsFound, renames, renamesFound, lost);
    }

    private void write(int thread) {
        try {
            for (int user = 0; ; user++) {
                Account account = new Account("crash-" + run + "-" + thread + "-" + user + "@example.com");
                if (!acknowledge(api.postJson(
                        "/api/users/",
                        null,
                        Map.of("email", account.email, "password", PASSWORD, "name", RENAME + 0)))) {
                    return;
                }
                accounts.add(account);
                ApiResponse login =
                        api.postJson("/api/users/login/", null, Map.of("email", account.email, "password", PASSWORD));
                if (!acknowledge(login)) {
                    return;
                }
                account.token = login.text("token");
                for (int rename = 1; rename <= RENAMES_PER_USER; rename++) {
                    if (!acknowledge(api.patchJson("/api/users/me/", account.token, Map.of("name", RENAME + rename)))) {
                        return;
                    }
                    account.renames = rename;
                }
            }
        } catch (UncheckedIOException serverGone) {
            // The kill: this thread's last request had no answer.
        }
    }

    private boolean acknowledge(ApiResponse response) {
        if (response.status() / 100 != 2) {
            refused.add(response.toString());
            return false;
        }
        acknowledged.incrementAndGet();
        return true;
    }

    private static int renameNumber(String name) {
        return name != null && name.startsWith(RENAME) ? Integer.parseInt(name.substring(RENAME.length())) : -1;
    }
}
