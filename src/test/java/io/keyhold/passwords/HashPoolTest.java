package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.problems.RefusalStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class HashPoolTest {

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOtherThread() {
        otherThread.shutdownNow();
    }

    @Test
    void runWhenSlotFreeThenRunsOnAHashThreadOfItsOwnAndReturnsResult() {
        HashPool pool = new HashPool(properties(1, Duration.ofSeconds(1)), new SimpleMeterRegistry());

        Thread worker = pool.run(Thread::currentThread);

        assertThat(worker).isNotSameAs(Thread.currentThread());
        assertThat(worker.getName()).startsWith("keyhold-hash-");
        assertThat(pool.run(() -> "again")).isEqualTo("again");
    }

    @Test
    void runWhenWorkThrowsThenTheCallerGetsTheSameException() {
        HashPool pool = new HashPool(properties(1, Duration.ofSeconds(1)), new SimpleMeterRegistry());

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> pool.run(() -> {
                    throw new IllegalStateException("from the hash");
                }))
                .withMessage("from the hash");
    }

    @Test
    void runWhenOnlySlotHeldThenSecondCallerGetsHashPoolSaturated() throws Exception {
        HashPool pool = new HashPool(properties(1, Duration.ofMillis(50)), new SimpleMeterRegistry());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> pool.run(() -> {
                    holding.countDown();
                    await(release);
                    return "first";
                }),
                otherThread);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> pool.run(() -> "second"))
                .isInstanceOfSatisfying(HashPoolSaturated.class, saturated -> {
                    assertThat(RefusalStatus.of(saturated)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(saturated.error()).isEqualTo("Service is overloaded, try again shortly.");
                    assertThat(RefusalStatus.headersOf(saturated).getFirst(HttpHeaders.RETRY_AFTER))
                            .isEqualTo("1");
                });

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(pool.run(() -> "after release")).isEqualTo("after release");
    }

    @Test
    void runWhenWorkThrowsThenSlotIsReleased() {
        HashPool pool = new HashPool(properties(1, Duration.ZERO), new SimpleMeterRegistry());

        assertThatThrownBy(() -> pool.run(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pool.run(() -> "slot is free")).isEqualTo("slot is free");
    }

    @Test
    void runWhenInterruptedWhileWaitingThenSaturatedAndInterruptKept() throws Exception {
        HashPool pool = new HashPool(properties(1, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        otherThread.submit(() -> pool.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> pool.run(() -> "never")).isInstanceOf(HashPoolSaturated.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }

    private static PasswordProperties properties(int threads, Duration wait) {
        return new PasswordProperties(new PasswordProperties.Argon2(8, 1, 1), threads, wait);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
