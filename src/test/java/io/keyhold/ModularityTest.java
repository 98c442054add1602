package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Spring Modulith's model of Keyhold: every package under {@code io.keyhold} is a module, its public
 * types are its API, and its {@code package-info} declares the modules it may use. The build fails on a
 * cycle or an undeclared dependency. The diagrams in {@code docs/} are drawn from the same model, so they
 * cannot drift from the code: a test run that finds them stale rewrites them and fails.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(KeyholdApplication.class);

    /** Plumbing that features share; drawn apart from the features so the feature graph stays readable. */
    private static final Set<String> PLUMBING = Set.of(
            "network",
            "paging",
            "problems",
            "ratelimits",
            "requests",
            "secrets",
            "storage",
            "text",
            "time",
            "tokens",
            "web");

    private static final Path MERMAID = Path.of("docs/MODULES.md");

    @Test
    void modulesUseOnlyWhatTheyDeclare() {
        MODULES.verify();
    }

    @Test
    void moduleDiagramsMatchTheCode() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml();
        String expected = mermaidDocument();
        String committed = Files.exists(MERMAID) ? Files.readString(MERMAID, StandardCharsets.UTF_8) : "";
        if (!committed.equals(expected)) {
            Files.writeString(MERMAID, expected, StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("%s was stale and has been rewritten from the code; commit it", MERMAID)
                .isEqualTo(expected);
    }

    private static String mermaidDocument() {
        var text = new StringBuilder();
        text.append("# Keyhold's modules\n\n")
                .append("Written by `ModularityTest` from Spring Modulith's model of the code; do not edit by hand.\n")
                .append("Each package under `io.keyhold` is a module, its public types are its API, and its\n")
                .append("`package-info.java` declares what it may use (`@ApplicationModule(allowedDependencies)`).\n")
                .append("The build fails on a cycle or on an undeclared dependency.\n\n")
                .append("## Features\n\n```mermaid\nflowchart TD\n");
        for (ApplicationModule module : sorted()) {
            String name = name(module);
            if (PLUMBING.contains(name)) {
                continue;
            }
            List<String> uses = dependencies(module).stream()
                    .filter(target -> !PLUMBING.contains(target))
                    .toList();
            if (uses.isEmpty()) {
                text.append("    ").append(name).append('\n');
            }
            uses.forEach(target -> text.append("    ")
                    .append(name)
                    .append(" --> ")
                    .append(target)
                    .append('\n'));
        }
        text.append("```\n\n## What each module uses\n\n| module | features | plumbing |\n|---|---|---|\n");
        for (ApplicationModule module : sorted()) {
            List<String> uses = dependencies(module);
            text.append("| ")
                    .append(name(module))
                    .append(" | ")
                    .append(join(uses.stream()
                            .filter(target -> !PLUMBING.contains(target))
                            .toList()))
                    .append(" | ")
                    .append(join(uses.stream().filter(PLUMBING::contains).toList()))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static List<ApplicationModule> sorted() {
        return MODULES.stream()
                .sorted((left, right) -> name(left).compareTo(name(right)))
                .toList();
    }

    private static List<String> dependencies(ApplicationModule module) {
        return module.getDirectDependencies(MODULES)
                .uniqueModules()
                .map(ModularityTest::name)
                .sorted()
                .toList();
    }

    private static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }

    private static String join(List<String> names) {
        return names.isEmpty() ? "–" : names.stream().collect(Collectors.joining(", "));
    }
}
