package io.keyhold.passwords;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many password hashes run at once, so a flood of logins cannot take every core (and the
 * memory Argon2 needs) away from authenticated requests. A caller waits at most {@code hash-wait} for
 * a slot and then gets {@link HashPoolSaturated} (503).
 */
@Component
public class HashPool {

    // A semaphore rather than a fixed thread pool: the work runs in the caller's own thread, so there is
    // no task queue that could grow without bound under a flood, no hand-off between threads, and each
    // caller's wait is bounded by tryAcquire alone. It stays right with virtual threads (JDK 21+),
    // where a waiting caller costs almost nothing. Fair, so that under load slots go to callers in
    // arrival order instead of letting a late caller overtake ones already near their deadline.
    private final Semaphore slots;
    private final Duration wait;
    private final Timer waiting;
    private final Timer hashing;

    public HashPool(PasswordProperties properties, MeterRegistry meters) {
        this.slots = new Semaphore(properties.hashThreads(), true);
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
            return work.get();
        } finally {
            slots.release();
            hashing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
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
