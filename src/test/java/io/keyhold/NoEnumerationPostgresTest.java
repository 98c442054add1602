package io.keyhold;

import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import java.util.List;

@OnPostgres
class NoEnumerationPostgresTest extends NoEnumerationTests {

    private String database;

    @Override
    List<String> databaseArguments() {
        database = TestDatabase.createPostgresDatabase();
        return List.of(
                "--spring.datasource.url=" + TestDatabase.postgresUrl(database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            TestDatabase.dropPostgresDatabase(database);
        }
    }
}
