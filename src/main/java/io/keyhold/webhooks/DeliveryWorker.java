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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
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
 *
 * <p>Only the server delivers: a management command ({@code createsuperuser}, {@code export}, …)
 * runs a non-web context on the same database, which leaves the outbox to the server.
 *
 * <p>Order: an endpoint's oldest committed row (lowest id) goes first, so its events go in the
 * order they were committed. Ids are drawn when a row is inserted, not when it commits, so for two
 * transactions running at once the order is that of whichever committed first as seen by the
 * claim: not necessarily the order in which the changes began. Within one transaction, events go
 * in the order they were published.
 */
@Component
@ConditionalOnWebApplication
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Longer than an attempt's {@link WebhookSender#TIMEOUT}, with room for a slow DNS lookup. */
    static final Duration LEASE = Duration.ofSeconds(30);

    static final Duration ATTEMPTS_KEPT = Duration.ofDays(7);

    static final String GAVE_UP = "Gave up: no 2xx answer within " + RetrySchedule.GIVE_UP_AFTER.toHours() + " hours";

    /** How many expired deliveries one short transaction gives up. */
    private static final int EXPIRED_BATCH = 500;

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
    /** Whether the last claim gave up a full batch of expired deliveries, so more may be waiting. */
    private boolean expiredLeft;

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
                if ((claimed.isEmpty() && !expiredLeft) || freeSenders.availablePermits() == 0) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (DataAccessException | TransactionException unavailable) {
                // Either form of the database being away: a query failing, or a transaction that
                // cannot begin (CannotCreateTransactionException is no DataAccessException).
                // Deliveries wait in the database meanwhile (an outage, a failover).
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

    /**
     * Gives up what waited out its 24 hours, then claims as many due deliveries as there are free
     * senders, each holding one of them. Empty with {@code expired} set when only expired rows were
     * found, so that the loop goes on at once until a long-dead endpoint's backlog is drained.
     */
    private List<Delivery> claim() {
        if (!running) {
            return List.of();
        }
        Instant now = Timestamps.now(clock);
        int gaveUp = giveUpExpired(now);
        int free = freeSenders.availablePermits();
        if (free == 0) {
            expiredLeft = gaveUp == EXPIRED_BATCH;
            return List.of();
        }
        List<Delivery> claimed = transaction.execute(status -> deliveries.claim(free, now, now.plus(LEASE)));
        freeSenders.acquireUninterruptibly(claimed.size());
        expiredLeft = gaveUp == EXPIRED_BATCH;
        return claimed;
    }

    /**
     * Deletes, with a "Gave up" attempt each and without sending them, the deliveries whose 24
     * hours passed while they waited behind their endpoint's earlier events (SPEC §15: retried
     * until 24 hours have passed, never later); the oldest of each endpoint first.
     */
    private int giveUpExpired(Instant now) {
        List<Delivery> expired = transaction.execute(status -> {
            List<Delivery> rows = deliveries.claimExpired(EXPIRED_BATCH, now);
            for (Delivery row : rows) {
                deliveries.recordAttempt(row, now, null, GAVE_UP + "; not sent, it waited behind earlier events", null);
                deliveries.deleteClaimed(row);
            }
            return rows;
        });
        expired.forEach(row -> meters.gaveUp());
        return expired.size();
    }

    private void send(Delivery delivery) {
        try {
            senders.execute(() -> {
                try {
                    attempt(delivery);
                } catch (RuntimeException unrecorded) {
                    // Only the database can fail here (an attempt's own failures are recorded as
                    // such); the row stays leased and is tried again once the lease runs out.
                    log.error("A webhook delivery attempt could not be recorded", unrecorded);
                } finally {
                    freeSenders.release();
                    signal.wake();
                }
            });
        } catch (RejectedExecutionException stopped) {
            // Stopped between the claim and now: the row waits out its lease.
            freeSenders.release();
        }
    }

    private void attempt(Delivery delivery) {
        Optional<Target> target = endpoints.findTarget(delivery.endpointId());
        if (target.isEmpty()) {
            // Its endpoint was deleted while the event was queued.
            deliveries.delete(delivery);
            return;
        }
        Instant at = Timestamps.now(clock);
        if (Duration.between(at, delivery.lease()).compareTo(WebhookSender.TIMEOUT) <= 0) {
            // Posting now could outlast the lease, and another node could post the same event at
            // once; the row is claimed again when the lease runs out.
            log.warn(
                    "Webhook event {} was not posted: its lease ran short before the attempt began",
                    delivery.eventId());
            return;
        }
        record(delivery, at, outcomeOf(delivery, target.get(), at));
    }

    /** What posting the delivery got; any failure on the way is a failed attempt, recorded and retried. */
    private Outcome outcomeOf(Delivery delivery, Target target, Instant at) {
        try {
            String secret = new String(key.decrypt(target.secretCiphertext()), StandardCharsets.US_ASCII);
            return sender.post(target.url(), secret, delivery.eventId(), delivery.payload(), at);
        } catch (WrongEncryptionKey | IllegalArgumentException unreadable) {
            // IllegalArgumentException: the stored ciphertext is not even base64.
            log.error("A webhook signing secret does not decrypt: keyhold.mfa.encryption-key is not the key it was "
                    + "stored under. Give every node the key the secrets were stored under.");
            return Outcome.failed("The signing secret cannot be read on this node (keyhold.mfa.encryption-key)");
        } catch (RuntimeException unexpected) {
            // The HTTP client's own failures (one cancelled at the deadline can throw
            // IllegalStateException): recorded and retried, never a row leased again and again.
            log.warn("A webhook delivery attempt of event {} failed unexpectedly", delivery.eventId(), unexpected);
            return Outcome.failed("Failed: " + unexpected.getClass().getSimpleName());
        }
    }

    /**
     * Writes the attempt, and deletes or reschedules the row, in one transaction under the claim's
     * lease. The attempt is written even when the lease was lost (this node took longer than it):
     * it was made. The row is then another claim's, which counts it.
     */
    private void record(Delivery delivery, Instant at, Outcome outcome) {
        Instant now = Timestamps.now(clock);
        if (outcome.delivered()) {
            boolean held = transaction.execute(status -> {
                deliveries.recordAttempt(delivery, at, outcome.statusCode(), null, null);
                return deliveries.delete(delivery);
            });
            if (held) {
                meters.delivered(delivery.createdAt(), now);
            } else {
                warnLeaseLost(delivery);
            }
            return;
        }
        Optional<Instant> next = RetrySchedule.nextAttempt(delivery.attempts() + 1, delivery.createdAt(), now);
        boolean held = transaction.execute(status -> {
            if (next.isPresent()) {
                deliveries.recordAttempt(delivery, at, outcome.statusCode(), outcome.error(), next.get());
                return deliveries.reschedule(delivery, next.get());
            }
            deliveries.recordAttempt(
                    delivery,
                    at,
                    outcome.statusCode(),
                    outcome.error() == null ? GAVE_UP : GAVE_UP + "; " + outcome.error(),
                    null);
            return deliveries.delete(delivery);
        });
        if (!held) {
            warnLeaseLost(delivery);
        } else if (next.isPresent()) {
            meters.failed();
        } else {
            meters.gaveUp();
        }
    }

    private static void warnLeaseLost(Delivery delivery) {
        log.warn(
                "The attempt at webhook event {} outlasted its lease of {} s; another claim has the delivery now",
                delivery.eventId(),
                LEASE.toSeconds());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void pruneOldAttempts() {
        deliveries.pruneAttempts(Timestamps.now(clock).minus(ATTEMPTS_KEPT));
    }
}
