package io.keyhold;

import io.keyhold.testing.ChurnLoad;
import io.keyhold.testing.KeyholdProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.util.FileSystemUtils;

/**
 * How large the embedded H2 file grows against its data under sustained churn (SPEC §11: at most 3×).
 * Not a test: {@code bench/churn.sh} runs it. Starts the jar on the default H2 database in a fresh
 * directory and runs {@link ChurnLoad} for the given minutes. Every {@code sample} seconds it prints
 * the file's size and the size of its data: a copy of the file, compacted completely ({@code SHUTDOWN
 * COMPACT}, which keeps every live page and nothing else).
 *
 * <pre>ChurnBench JAR MINUTES THREADS SAMPLE_SECONDS [keyhold arguments…]</pre>
 */
public final class ChurnBench {

    private ChurnBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Duration length = Duration.ofSeconds(Math.round(Double.parseDouble(args[1]) * 60));
        int threads = Integer.parseInt(args[2]);
        Duration sample = Duration.ofSeconds(Long.parseLong(args[3]));
        List<String> arguments = new ArrayList<>(Arrays.asList(args).subList(4, args.length));
        arguments.addAll(List.of("--keyhold.rate-limits.login=0", "--keyhold.rate-limits.signup=0"));
        Path directory = Files.createTempDirectory("keyhold-churn");
        Path file = directory.resolve("data/keyhold.mv.db");
        double worst = 0;
        try (KeyholdProcess keyhold = KeyholdProcess.start(KeyholdProcess.Launch.jar(jar), directory, arguments)) {
            ChurnLoad churn = new ChurnLoad(keyhold.api());
            long started = System.nanoTime();
            long deadline = started + length.toNanos();
            Thread load = new Thread(() -> churn.run(threads, deadline), "churn");
            load.start();
            while (load.isAlive()) {
                load.join(sample.toMillis());
                long size = Files.size(file);
                long data = compactedCopySize(file, directory.resolve("copy"));
                worst = Math.max(worst, (double) size / data);
                System.out.printf(
                        Locale.ROOT,
                        "%4ds  file %6.2f MiB  data %6.2f MiB  %5.2f×  %d requests (%d refused)%n",
                        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                        mib(size),
                        mib(data),
                        (double) size / data,
                        churn.requests(),
                        churn.refused());
            }
            System.out.printf(
                    Locale.ROOT, "after %s of churn: largest file/data ratio of any sample %.2f×%n", length, worst);
        } finally {
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    // Copied while Keyhold writes: H2 opens the copy at its last complete commit, as it would after a crash.
    private static long compactedCopySize(Path file, Path copyDirectory) throws IOException, SQLException {
        Files.createDirectories(copyDirectory);
        Files.copy(file, copyDirectory.resolve("copy.mv.db"));
        String url = "jdbc:h2:file:" + copyDirectory.resolve("copy").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("SHUTDOWN COMPACT");
        }
        long size = Files.size(copyDirectory.resolve("copy.mv.db"));
        FileSystemUtils.deleteRecursively(copyDirectory);
        return size;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
