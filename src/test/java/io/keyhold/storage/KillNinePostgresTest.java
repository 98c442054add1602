package io.keyhold.storage;

import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link KillNineTests} on a throw-away PostgreSQL database. */
@OnPostgres
class KillNinePostgresTest extends KillNineTests {

    private String database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.createPostgresDatabase();
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropPostgresDatabase(database);
    }

    @Override
    List<String> databaseArguments() {
        return List.of(
                "--spring.datasource.url=" + TestDatabase.postgresUrl(database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }
}
