package io.keyhold.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link Installed}. */
final class ProgramsInstalled implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Installed installed = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, Installed.class))
                .orElse(null);
        if (installed == null) {
            return ConditionEvaluationResult.enabled("nothing to install");
        }
        List<String> missing = Arrays.stream(installed.value())
                .filter(path -> !Files.exists(Path.of(path)))
                .toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(String.join(", ", installed.value()) + " installed");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: " + missing + " required; the suite will fail");
        }
        return ConditionEvaluationResult.disabled("No " + String.join(", ", missing) + ": skipping (" + installed.by()
                + "; with CI=true it is required)");
    }
}
