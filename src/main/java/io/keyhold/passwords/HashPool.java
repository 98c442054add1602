package io.keyhold.passwords;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many password hashes run at once, so a flood of logins cannot take every core (and the
 * memory Argon2 needs) away from authenticated requests. A caller waits at most {@code hash-wait} for
 * a slot and then gets {@link HashPoolSaturated} (503).
 */
@Component
public class HashPool {

    // A fair semaphore bounds the callers (slots go in arrival order, and each caller's wait is
    // bounded by tryAcquire alone), so the workers below never have a queue that could grow under a
    // flood. The hashing itself runs on platform threads of its own: on virtual threads (JDK 21+) a
    // CPU-bound Argon2 would hold a carrier thread without yielding, and with as many hashes as
    // carriers no other request could run at all. On its own threads the OS shares the cores between
    // hashing and everything else.
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Duration wait;
    private final Timer waiting;
    private final Timer hashing;

    public HashPool(PasswordProperties properties, MeterRegistry meters) {
        this.slots = new Semaphore(properties.hashThreads(), true);
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.hashThreads(), work -> {
            Thread thread = new Thread(work, "keyhold-hash-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.wait = properties.hashWait();
        this.waiting = Timer.builder("keyhold.passwords.hash.wait")
                .description("Time a password hash waited for a free slot")
                .register(meters);
        this.hashing = Timer.builder("keyhold.passwords.hash")
                .description("Time a password hash or verification took")
                .register(meters);
    }

    /** Runs {@code work} in the calling thread once a slot is free; throws {@link HashPoolSaturated} if none frees up in time. */
    public <T> T run(Supplier<T> work) {
        long arrived = System.nanoTime();
        acquireSlot();
        long started = System.nanoTime();
        waiting.record(started - arrived, TimeUnit.NANOSECONDS);
        try {
            return workers.submit(work::get).get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HashPoolSaturated();
        } finally {
            slots.release();
            hashing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private void acquireSlot() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // The request is being abandoned anyway; keep the interrupt visible to whoever abandons it.
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new HashPoolSaturated();
        }
    }
}
