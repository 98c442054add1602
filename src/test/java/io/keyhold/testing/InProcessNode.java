package io.keyhold.testing;

import io.keyhold.KeyholdApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Keyhold node started in this JVM against a PostgreSQL database of the test's, on random local
 * ports, for suites that run several nodes against one database as a deployment does.
 */
public final class InProcessNode {

    private InProcessNode() {}

    /** A node on {@code database} ({@link TestDatabase#createPostgresDatabase}), with the suite's own arguments. */
    public static ConfigurableApplicationContext start(String database, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--management.server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + TestDatabase.postgresUrl(database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--keyhold.passwords.hash-wait=60s",
                "--keyhold.rate-limits.login=0",
                "--keyhold.rate-limits.signup=0"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(KeyholdApplication.class).run(all.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    public static int managementPort(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.management.port"));
    }
}
