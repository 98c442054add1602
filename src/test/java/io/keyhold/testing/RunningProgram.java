package io.keyhold.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs beside it (a webhook receiver, say) until the test closes it. Its output
 * and errors are read as they come into {@link #output()}, for what it prints and for failure
 * messages; reading them also keeps its pipe from filling up and stalling it.
 */
public final class RunningProgram implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private RunningProgram(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code program}; its standard error joins its output. */
    public static RunningProgram start(ProcessBuilder program) {
        try {
            return new RunningProgram(program.redirectErrorStream(true).start());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Its lines so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the program's output if it has exited; for loops that wait on it. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + String.join("\n", output));
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        } catch (IOException closed) {
            // The program ended.
        }
    }
}
