package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.KeyholdApplication;
import io.keyhold.cli.KeyholdCommandLine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A management command (createsuperuser, export, …) runs in a context of its own on the server's
 * database: it must not deliver the webhooks the server has queued, nor record attempts at them.
 */
class WebhookCommandLineTest {

    private static final String DATABASE = "jdbc:h2:mem:webhook-command-line;DB_CLOSE_DELAY=-1";

    @TempDir
    Path directory;

    @Test
    void aCommandLeavesQueuedDeliveriesToTheServer() throws SQLException {
        assertThat(export("first.json")).as("migrates the database").isZero();
        Instant queuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        try (Connection connection = DriverManager.getConnection(DATABASE, "sa", "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("INSERT INTO webhook_endpoints (id, url, events, secret_ciphertext, created_at) "
                            + "VALUES (1, 'http://127.0.0.1:9/hook', 'user.updated', 'sealed', ?)")
                    .param(java.sql.Timestamp.from(queuedAt))
                    .update();
            jdbc.sql("INSERT INTO webhook_deliveries "
                            + "(endpoint_id, event_id, event_type, payload, created_at, attempts, next_attempt_at) "
                            + "VALUES (1, 'msg_pending', 'user.updated', '{}', ?, 0, ?)")
                    .params(java.sql.Timestamp.from(queuedAt), java.sql.Timestamp.from(queuedAt))
                    .update();

            assertThat(export("second.json")).isZero();

            assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_attempts")
                            .query(Long.class)
                            .single())
                    .as("no attempt made")
                    .isZero();
            assertThat(jdbc.sql("SELECT attempts FROM webhook_deliveries WHERE event_id = 'msg_pending'")
                            .query(Integer.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("SELECT next_attempt_at FROM webhook_deliveries WHERE event_id = 'msg_pending'")
                            .query(java.sql.Timestamp.class)
                            .single()
                            .toInstant())
                    .as("neither claimed nor leased")
                    .isEqualTo(queuedAt);
        }
    }

    /**
     * Runs {@code export} as the command line does, in an application of its own, but leaves this
     * JVM's logging alone: that application would set logging up again and tear it down when it
     * closes, and the application contexts cached for later suites would log to nobody (a suite
     * that reads the verification link from the log then waits in vain).
     */
    private int export(String file) {
        String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            return runExport(file);
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }

    private int runExport(String file) {
        return KeyholdCommandLine.run(KeyholdApplication.class, new String[] {
            "export",
            directory.resolve(file).toString(),
            "--spring.datasource.url=" + DATABASE,
            "--keyhold.mfa.encryption-key=" + Base64.getEncoder().encodeToString(new byte[32]),
            "--keyhold.webhooks.allow-private-targets=true"
        });
    }
}
