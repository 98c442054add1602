package io.keyhold.mfa;

import io.keyhold.secrets.EncryptionKey;
import io.keyhold.secrets.EncryptionKeyProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of {@code bench/login-mfa.sh}: logins per second with a TOTP second step against logins
 * with a password alone, alternating in one run on one Keyhold, so both meet the same machine.
 * Half the seeded users (odd ids) get a TOTP secret, written encrypted under the node's key; the
 * others log in with their password alone.
 *
 * <p>Arguments: BASE_URL JDBC_URL ENCRYPTION_KEY USERS PASSWORD SECONDS THREADS SERVER_PID. The
 * load generator shares the machine with the server and pays for the second request too, so each
 * phase also reports the server's own CPU time per login, read from {@code /proc/SERVER_PID/stat}.
 */
public final class SecondFactorLoginBench {

    private static final byte[] SECRET = "keyhold-bench-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Pattern MFA_TOKEN = Pattern.compile("\"mfa_token\":\"([A-Za-z0-9_-]{43})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().build();
    /** Linux counts process CPU time in clock ticks of 10 ms ({@code getconf CLK_TCK} is 100). */
    private static final double MILLIS_PER_TICK = 10.0;

    private SecondFactorLoginBench() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbcUrl = args[1];
        String key = args[2];
        int users = Integer.parseInt(args[3]);
        String password = args[4];
        Duration phase = Duration.ofSeconds(Long.parseLong(args[5]));
        int threads = Integer.parseInt(args[6]);
        Path serverStat = Path.of("/proc", args[7], "stat");

        var cipher = new SecretCipher(new EncryptionKey(new EncryptionKeyProperties(key, Path.of("unused"))));
        var plain = new ArrayList<String>();
        var withTotp = new ArrayList<Long>();
        for (long id = 1; id <= users; id++) {
            if (id % 2 == 1) {
                withTotp.add(id);
            } else {
                plain.add("user" + id + "@example.com");
            }
        }
        enrol(jdbcUrl, cipher, withTotp);
        System.out.printf(
                "TOTP for %d users, password alone for %d; %d threads%n", withTotp.size(), plain.size(), threads);

        var plainLoad = new Load("password alone", base, password, plain, false, serverStat);
        var totpLoad = new Load(
                "password + TOTP",
                base,
                password,
                withTotp.stream().map(id -> "user" + id + "@example.com").toList(),
                true,
                serverStat);
        plainLoad.run(Duration.ofSeconds(5), threads);
        totpLoad.run(Duration.ofSeconds(5), threads);
        double plainSum = 0;
        double totpSum = 0;
        long plainLogins = 0;
        long totpLogins = 0;
        long plainCpu = 0;
        long totpCpu = 0;
        int rounds = 2;
        for (int round = 1; round <= rounds; round++) {
            plainSum += plainLoad.run(phase, threads).report();
            plainLogins += plainLoad.ok.get();
            plainCpu += plainLoad.serverTicks;
            totpSum += totpLoad.run(phase, threads).report();
            totpLogins += totpLoad.ok.get();
            totpCpu += totpLoad.serverTicks;
        }
        System.out.printf(
                "server CPU per login: password alone %.1f ms, password + TOTP %.1f ms%n",
                plainCpu * MILLIS_PER_TICK / plainLogins, totpCpu * MILLIS_PER_TICK / totpLogins);
        System.out.printf(
                "logins/s: password alone %.1f, password + TOTP %.1f; ratio %.3f%n",
                plainSum / rounds, totpSum / rounds, totpSum / plainSum);
    }

    /** Writes a confirmed TOTP secret for each user, as enrolment would, without a hash per user. */
    private static void enrol(String jdbcUrl, SecretCipher cipher, List<Long> ids) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement insert = db.prepareStatement("INSERT INTO totp_secrets "
                        + "(user_id, secret, confirmed, created_at, last_step) VALUES (?, ?, TRUE, ?, ?)")) {
            for (long id : ids) {
                insert.setLong(1, id);
                insert.setString(2, cipher.encrypt(SECRET));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setLong(4, Long.MIN_VALUE);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** One kind of login, run by a pool of threads that take the users in turn. */
    private static final class Load {

        private final String name;
        private final String base;
        private final String password;
        private final List<String> emails;
        private final boolean totp;
        private final Path serverStat;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private long elapsedNanos;
        private long serverTicks;

        Load(String name, String base, String password, List<String> emails, boolean totp, Path serverStat) {
            this.name = name;
            this.base = base;
            this.password = password;
            this.emails = emails;
            this.totp = totp;
            this.serverStat = serverStat;
        }

        /** The server's user and system CPU time so far, in clock ticks ({@code /proc/PID/stat} fields 14 and 15). */
        private long serverCpuTicks() {
            try {
                String stat = Files.readString(serverStat);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException unreadable) {
                throw new java.io.UncheckedIOException(unreadable);
            }
        }

        Load run(Duration duration, int threads) throws InterruptedException {
            ok.set(0);
            refused.set(0);
            long ticksBefore = serverCpuTicks();
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        String email = emails.get(Math.floorMod(next.getAndIncrement(), emails.size()));
                        (logIn(email) ? ok : refused).incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
            elapsedNanos = System.nanoTime() - start;
            serverTicks = serverCpuTicks() - ticksBefore;
            return this;
        }

        double report() {
            double seconds = elapsedNanos / 1e9;
            double rate = ok.get() / seconds;
            System.out.printf(
                    "%-16s %6d logins in %.1f s = %6.1f/s (%d refused); server CPU %.1f ms a login%n",
                    name,
                    ok.get(),
                    seconds,
                    rate,
                    refused.get(),
                    serverTicks * MILLIS_PER_TICK / Math.max(1, ok.get()));
            return rate;
        }

        private boolean logIn(String email) {
            try {
                HttpResponse<String> first =
                        post("/api/users/login/", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
                if (!totp) {
                    return first.statusCode() == 200;
                }
                Matcher token = MFA_TOKEN.matcher(first.body());
                if (first.statusCode() != 401 || !token.find()) {
                    return false;
                }
                String code = Totp.code(SECRET, Totp.stepAt(Instant.now()));
                return post(
                                        "/api/users/login/mfa/",
                                        "{\"mfa_token\":\"" + token.group(1) + "\",\"code\":\"" + code + "\"}")
                                .statusCode()
                        == 200;
            } catch (Exception failed) {
                return false;
            }
        }

        private HttpResponse<String> post(String path, String json) throws Exception {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
