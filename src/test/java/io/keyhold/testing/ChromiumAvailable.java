package io.keyhold.testing;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips browser suites where Chromium is not installed, except in CI, where they are required. */
final class ChromiumAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: the browser suite is required and will fail");
        }
        return ConditionEvaluationResult.disabled("No " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                + ": skipping the browser suite (apt-get install -y chromium chromium-driver; with CI=true it is"
                + " required)");
    }
}
