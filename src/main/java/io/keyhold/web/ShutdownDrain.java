package io.keyhold.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first thing a stopping node does. Spring Boot reports readiness down as soon as the context
 * starts to close; this phase then keeps the port open and serving for {@code keyhold.shutdown.drain},
 * answering every request with {@code Connection: close} so that clients and load balancers open
 * their next connection elsewhere. Only after it do the web server's graceful shutdown (which
 * closes the port and finishes the requests in flight) and the management server's stop run:
 * their phases are lower, and a lifecycle with a higher phase stops first.
 */
@Component
@ConditionalOnWebApplication
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ShutdownProperties properties;
    private volatile boolean running;
    private volatile boolean draining;

    ShutdownDrain(ShutdownProperties properties) {
        this.properties = properties;
    }

    boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop(Runnable finished) {
        draining = true;
        long millis = properties.drain().toMillis();
        if (millis > 0) {
            log.info("Draining for {} ms before the port closes", millis);
        }
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            running = false;
            finished.run();
        });
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("Stopped through stop(Runnable)");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
