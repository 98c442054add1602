package io.keyhold.testing;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writes a busy account service sees, over real HTTP from several threads until a deadline: each
 * round logs a user in, renames it {@value #RENAMES_PER_LOGIN} times and logs it out; every
 * {@value #SIGNUP_EVERY}th round signs up a new user first. Each thread has users of its own, so the
 * single-session rule never refuses one of its logins.
 */
public final class ChurnLoad {

    static final int RENAMES_PER_LOGIN = 3;
    static final int SIGNUP_EVERY = 5;
    private static final String PASSWORD = "Churn-churn-password-4";

    private final Api api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public ChurnLoad(Api api) {
        this.api = api;
    }

    /** Runs {@code threads} writers until {@code deadline} ({@link System#nanoTime()}), then returns. */
    public void run(int threads, long deadline) {
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int number = i;
            Thread writer = new Thread(() -> write(number, deadline), "churn-" + i);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /** Of those, the ones not answered 2xx. */
    public long refused() {
        return refused.get();
    }

    private void write(int thread, long deadline) {
        List<String> users = new ArrayList<>();
        try {
            for (int round = 0; System.nanoTime() < deadline; round++) {
                if (round % SIGNUP_EVERY == 0) {
                    String email = "churn-" + run + "-" + thread + "-" + users.size() + "@example.com";
                    if (ok(api.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD)))) {
                        users.add(email);
                    }
                }
                if (users.isEmpty()) {
                    continue;
                }
                String email = users.get(round % users.size());
                ApiResponse login =
                        api.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD));
                if (!ok(login)) {
                    continue;
                }
                String token = login.text("token");
                for (int rename = 0; rename < RENAMES_PER_LOGIN; rename++) {
                    ok(api.patchJson("/api/users/me/", token, Map.of("name", "Round " + round + "." + rename)));
                }
                ok(api.post("/api/users/logout/", token));
            }
        } catch (UncheckedIOException serverGone) {
            // Nothing left to load.
        }
    }

    private boolean ok(ApiResponse response) {
        requests.incrementAndGet();
        if (response.status() / 100 == 2) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }
}
