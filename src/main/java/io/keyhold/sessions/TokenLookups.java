package io.keyhold.sessions;

import io.keyhold.sessions.SessionRepository.SessionAndUser;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Looks up the tokens of concurrent requests together: one query for every token that arrived while
 * the previous query ran. Each authenticated request needs its session, and on PostgreSQL the round
 * trip, not the indexed read, is what costs (the database's share of the CPU and the driver's);
 * under load a handful of requests share one. Nothing is cached: a lookup's query starts after its
 * request arrived, so it sees every logout committed before, on any node, exactly as a query of its
 * own would. Idle, a lookup waits for nobody, only a hand-over to a lookup thread and back.
 */
@Component
class TokenLookups {

    /**
     * Queries in flight at once. Each holds a pooled connection while it runs, and the fewer there
     * are, the more requests share one; two keep a lookup from queueing behind a single slow one.
     */
    private static final int LANES = 2;

    /** Tokens per query at most, which also bounds the kinds of statement the driver prepares. */
    private static final int MAX_BATCH = 32;

    /** Put in the queue by {@link #stop()}: the lane that takes it ends, and puts it back for the next. */
    private static final Lookup STOP = new Lookup("", new CompletableFuture<>());

    private final SessionRepository sessions;
    private final BlockingQueue<Lookup> waiting = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    TokenLookups(SessionRepository sessions) {
        this.sessions = sessions;
        for (int lane = 1; lane <= LANES; lane++) {
            Thread thread = new Thread(this::serve, "keyhold-token-lookup-" + lane);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * The session a token hash names, with its user. Inside a transaction it is read on that
     * transaction's connection, so the transaction sees its own writes.
     */
    Optional<SessionAndUser> find(String tokenHash) {
        if (TransactionSynchronizationManager.isActualTransactionActive() || stopped) {
            return findAlone(tokenHash);
        }
        var lookup = new Lookup(tokenHash, new CompletableFuture<>());
        waiting.add(lookup);
        if (stopped && waiting.remove(lookup)) {
            // Added after the lanes stopped: nobody would have taken it.
            return findAlone(tokenHash);
        }
        try {
            return lookup.found().join();
        } catch (CompletionException failed) {
            // The batch's failure (the database away, most likely), rethrown as this request's own.
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    private Optional<SessionAndUser> findAlone(String tokenHash) {
        return Optional.ofNullable(
                sessions.findByTokenHashes(List.of(tokenHash)).get(tokenHash));
    }

    /** A lane: takes whatever waits, up to a batch, and answers it with one query. */
    private void serve() {
        var batch = new ArrayList<Lookup>(MAX_BATCH);
        while (true) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException interrupted) {
                // Only stop() ends a lane, with a pill, so that no query is cut off midway.
                continue;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            answer(batch);
            batch.clear();
            if (stop) {
                waiting.add(STOP); // for the next lane
                return;
            }
        }
    }

    private void answer(List<Lookup> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Map<String, SessionAndUser> found = sessions.findByTokenHashes(
                    batch.stream().map(Lookup::tokenHash).distinct().toList());
            batch.forEach(lookup -> lookup.found().complete(Optional.ofNullable(found.get(lookup.tokenHash()))));
        } catch (RuntimeException | Error failed) {
            batch.forEach(lookup -> lookup.found().completeExceptionally(failed));
        }
    }

    /** Each lane answers what it took and ends; lookups from then on query alone. */
    @PreDestroy
    void stop() {
        stopped = true;
        waiting.add(STOP);
    }

    private record Lookup(String tokenHash, CompletableFuture<Optional<SessionAndUser>> found) {}
}
