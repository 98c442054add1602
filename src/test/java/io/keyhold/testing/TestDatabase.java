package io.keyhold.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context a database of its own: a fresh in-memory H2 by default,
 * or, with {@link OnPostgres}, a throw-away PostgreSQL database created here and dropped when the
 * context closes.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String SELECT_PROPERTY = "keyhold.test.database";
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String ADMIN_USER = "postgres";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "keyhold_test_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> properties;
        if ("postgres".equals(context.getEnvironment().getProperty(SELECT_PROPERTY))) {
            execute("CREATE DATABASE " + name);
            properties = Map.of(
                    "spring.datasource.url",
                    "jdbc:postgresql://127.0.0.1:5432/" + name,
                    "spring.datasource.username",
                    ADMIN_USER,
                    "spring.datasource.password",
                    "");
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            });
        } else {
            properties = Map.of(
                    "spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                    "spring.datasource.username", "sa",
                    "spring.datasource.password", "");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }

    /** A new throw-away PostgreSQL database for tests that start applications themselves; its name. */
    public static String createPostgresDatabase() {
        String name = "keyhold_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static String postgresUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    public static void dropPostgresDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static void execute(String statement) {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, "")) {
            admin.createStatement().execute(statement);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 refused: " + statement, failure);
        }
    }

    public static boolean postgresReachable() {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, "")) {
            return admin.isValid(2);
        } catch (SQLException unreachable) {
            return false;
        }
    }
}
