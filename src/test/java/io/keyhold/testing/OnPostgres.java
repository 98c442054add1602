package io.keyhold.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a test class against a throw-away PostgreSQL database at 127.0.0.1:5432. Without one, the
 * class is skipped with a message, unless {@code CI=true}: then it runs and fails loudly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = TestDatabase.SELECT_PROPERTY + "=postgres")
@ExtendWith(PostgresAvailable.class)
public @interface OnPostgres {}
