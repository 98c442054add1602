package io.keyhold;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * Rules Spring Modulith's declared dependencies (ModularityTest) cannot say: the web stops at the
 * controller, and each table is reached only through its own feature.
 */
@AnalyzeClasses(packages = "io.keyhold", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The web stops at the controller: the services of every feature take records, so the API,
     * the console, the link pages and the commands call them alike and none builds a request body.
     */
    @ArchTest
    static final ArchRule servicesKnowNoRequests = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.keyhold.users..",
                    "io.keyhold.auth..",
                    "io.keyhold.mail..",
                    "io.keyhold.sessions..",
                    "io.keyhold.passwords..",
                    "io.keyhold.audit..",
                    "io.keyhold.webhooks..")
            .and(annotatedWith(Service.class).or(annotatedWith(Component.class)))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.keyhold.requests..",
                    "org.springframework.http..",
                    "org.springframework.web..",
                    "jakarta.servlet..");

    /** One owner per table: a repository is its feature's own; other features use the feature's API. */
    @ArchTest
    static final ArchRule repositoriesStayInTheirFeature =
            classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();
}
