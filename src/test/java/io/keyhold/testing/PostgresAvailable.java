package io.keyhold.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips PostgreSQL suites where no PostgreSQL runs, except in CI, where they are required. */
final class PostgresAvailable implements ExecutionCondition {

    private static final boolean REACHABLE = TestDatabase.postgresReachable();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (REACHABLE) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at 127.0.0.1:5432");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: the PostgreSQL suite is required and will fail");
        }
        return ConditionEvaluationResult.disabled(
                "No PostgreSQL at 127.0.0.1:5432: skipping the PostgreSQL suite (with CI=true it is required)");
    }
}
