package io.keyhold.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program a test ran to its end (a Python suite, pip, a training run): its exit code and its
 * output, which was also streamed into the test's own as it came. {@link RunningProgram} is for one
 * that runs beside the test instead.
 */
public record FinishedProgram(int exitCode, String output) {

    /**
     * Runs {@code command} in {@code workingDirectory} with {@code environment} added, within ten
     * minutes; standard error joins the output. Python and pip variables of the calling shell are
     * left out, so that a developer's own settings do not change what the suite runs.
     */
    public static FinishedProgram run(Path workingDirectory, Map<String, String> environment, List<String> command) {
        System.out.println("$ " + String.join(" ", command));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PYTHON") || name.startsWith("PIP_"));
        builder.environment().putAll(environment);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Process process = builder.start();
            Future<String> output = reader.submit(() -> stream(process));
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " still running after ten minutes");
            }
            return new FinishedProgram(process.exitValue(), output.get(1, TimeUnit.MINUTES));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException(failure);
        } finally {
            reader.shutdownNow();
        }
    }

    private static String stream(Process process) throws IOException {
        StringBuilder kept = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println(line);
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
