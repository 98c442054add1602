package io.keyhold.webhooks;

import io.keyhold.secrets.EncryptionKey;
import io.keyhold.secrets.WrongEncryptionKey;
import io.keyhold.time.Timestamps;
import io.keyhold.webhooks.DeliveryRepository.Delivery;
import io.keyhold.webhooks.WebhookEndpointRepository.Target;
import io.keyhold.webhooks.WebhookSender.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox, on every node. A short transaction claims due rows with {@code FOR UPDATE
 * SKIP LOCKED}, only the oldest of each endpoint (so an endpoint's events arrive in order, a
 * retried one holding back those after it), and leases them for {@link #LEASE}: longer than an
 * attempt may last, so no other node touches them meanwhile, and short enough that the rows of a
 * node that dies mid-attempt go to the others. The POST runs outside any transaction; its outcome
 * is then written back under the lease, and a row is deleted once delivered or given up.
 *
 * <p>The worker looks for work every {@code keyhold.webhooks.poll-interval}, and at once when a
 * commit on this node queued deliveries or an attempt ended. On shutdown it stops claiming and
 * lets attempts in flight finish; a row whose attempt is cut short waits out its lease.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Longer than an attempt's {@link WebhookSender#TIMEOUT}, with room for a slow DNS lookup. */
    static final Duration LEASE = Duration.ofSeconds(30);

    static final Duration ATTEMPTS_KEPT = Duration.ofDays(7);

    private final DeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookSender sender;
    private final EncryptionKey key;
    private final WebhookMeters meters;
    private final DeliverySignal signal;
    private final TransactionTemplate transaction;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Semaphore freeSenders;
    private volatile boolean running;
    /** Made at each start: a context may be stopped and started again (a test context paused while unused). */
    private ExecutorService senders;

    private Thread claimer;
    /** Whether the last claim failed, so that an outage is logged once, not at every poll. */
    private boolean failing;

    DeliveryWorker(
            DeliveryRepository deliveries,
            WebhookEndpointRepository endpoints,
            WebhookSender sender,
            EncryptionKey key,
            WebhookMeters meters,
            DeliverySignal signal,
            TransactionTemplate transaction,
            WebhookProperties properties,
            Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.key = key;
        this.meters = meters;
        this.signal = signal;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.freeSenders = new Semaphore(properties.concurrency());
    }

    @Override
    public void start() {
        var number = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "keyhold-webhook-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        claimer = new Thread(this::claimWhileRunning, "keyhold-webhook-claimer");
        claimer.setDaemon(true);
        claimer.start();
    }

    @Override
    public void stop() {
        running = false;
        signal.wake();
        try {
            claimer.join(LEASE.toMillis());
            senders.shutdown();
            // Attempts in flight end within their timeout; one cut short waits out its lease.
            if (!senders.awaitTermination(WebhookSender.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimWhileRunning() {
        while (running) {
            try {
                List<Delivery> claimed = claim();
                if (failing) {
                    failing = false;
                    log.info("Claiming webhook deliveries again");
                }
                claimed.forEach(this::send);
                if (claimed.isEmpty() || freeSenders.availablePermits() == 0) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (DataAccessException unavailable) {
                // The database is away (an outage, a failover); deliveries wait in it meanwhile.
                if (!failing) {
                    failing = true;
                    log.warn(
                            "Cannot claim webhook deliveries until the database answers: {}", unavailable.getMessage());
                }
                sleepAfterFailure();
            } catch (RuntimeException unexpected) {
                log.error("The webhook delivery worker failed; it goes on", unexpected);
                sleepAfterFailure();
            }
        }
    }

    private void sleepAfterFailure() {
        try {
            signal.await(properties.pollInterval());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** As many due deliveries as there are free senders, each holding one of them. */
    private List<Delivery> claim() {
        int free = freeSenders.availablePermits();
        if (free == 0 || !running) {
            return List.of();
        }
        Instant now = Timestamps.now(clock);
        List<Delivery> claimed = transaction.execute(status -> deliveries.claim(free, now, now.plus(LEASE)));
        freeSenders.acquireUninterruptibly(claimed.size());
        return claimed;
    }

    private void send(Delivery delivery) {
        senders.execute(() -> {
            try {
                attempt(delivery);
            } catch (RuntimeException failed) {
                // The row stays leased and is tried again once the lease runs out.
                log.error("A webhook delivery attempt failed to be recorded", failed);
            } finally {
                freeSenders.release();
                signal.wake();
            }
        });
    }

    private void attempt(Delivery delivery) {
        Optional<Target> target = endpoints.findTarget(delivery.endpointId());
        if (target.isEmpty()) {
            // Its endpoint was deleted while the event was queued.
            deliveries.delete(delivery);
            return;
        }
        Instant at = Timestamps.now(clock);
        Outcome outcome;
        try {
            String secret = new String(key.decrypt(target.get().secretCiphertext()), StandardCharsets.US_ASCII);
            outcome = sender.post(target.get().url(), secret, delivery.eventId(), delivery.payload(), at);
        } catch (WrongEncryptionKey wrongKey) {
            log.error("A webhook signing secret does not decrypt: keyhold.mfa.encryption-key is not the key it was "
                    + "stored under. Give every node the key the secrets were stored under.");
            outcome = Outcome.failed("The signing secret cannot be read on this node (keyhold.mfa.encryption-key)");
        }
        record(delivery, at, outcome);
    }

    /** Writes the attempt, and deletes or reschedules the row, in one transaction under the claim's lease. */
    private void record(Delivery delivery, Instant at, Outcome outcome) {
        Instant now = Timestamps.now(clock);
        if (outcome.delivered()) {
            transaction.executeWithoutResult(status -> {
                deliveries.recordAttempt(delivery, at, outcome.statusCode(), null, null);
                deliveries.delete(delivery);
            });
            meters.delivered(delivery.createdAt(), now);
            return;
        }
        Optional<Instant> next = RetrySchedule.nextAttempt(delivery.attempts() + 1, delivery.createdAt(), now);
        transaction.executeWithoutResult(status -> {
            if (next.isPresent()) {
                deliveries.recordAttempt(delivery, at, outcome.statusCode(), outcome.error(), next.get());
                deliveries.reschedule(delivery, next.get());
            } else {
                String gaveUp = "Gave up: no 2xx answer within " + RetrySchedule.GIVE_UP_AFTER.toHours() + " hours";
                deliveries.recordAttempt(
                        delivery,
                        at,
                        outcome.statusCode(),
                        outcome.error() == null ? gaveUp : gaveUp + "; " + outcome.error(),
                        null);
                deliveries.delete(delivery);
            }
        });
        if (next.isPresent()) {
            meters.failed();
        } else {
            meters.gaveUp();
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void pruneOldAttempts() {
        deliveries.pruneAttempts(Timestamps.now(clock).minus(ATTEMPTS_KEPT));
    }
}
