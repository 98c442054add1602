package io.keyhold.webhooks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes this node's delivery worker before its next poll: after a commit that queued deliveries,
 * and when an attempt ends and frees a sender or lets its endpoint's next event go.
 */
@Component
class DeliverySignal {

    private final Semaphore wakeUps = new Semaphore(0);

    void wake() {
        // Several wake-ups before the worker looks are one: it then claims all that is due.
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Returns when woken, or after {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        if (wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUps.drainPermits();
        }
    }
}
