package io.keyhold;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * The package-by-feature layout holds: features do not form cycles (users never reach into
 * sessions or auth; they learn of user changes through events), and the shared plumbing depends
 * on no feature.
 */
@AnalyzeClasses(packages = "io.keyhold", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("io.keyhold.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedPlumbingDependsOnNoFeature = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.keyhold.web..",
                    "io.keyhold.problems..",
                    "io.keyhold.requests..",
                    "io.keyhold.network..",
                    "io.keyhold.ratelimits..",
                    "io.keyhold.paging..",
                    "io.keyhold.time..",
                    "io.keyhold.tokens..",
                    "io.keyhold.text..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.keyhold.users..",
                    "io.keyhold.auth..",
                    "io.keyhold.sessions..",
                    "io.keyhold.passwords..",
                    "io.keyhold.mail..",
                    "io.keyhold.audit..",
                    "io.keyhold.cli..");

    @ArchTest
    static final ArchRule usersKnowNothingOfSessionsOrAuth = noClasses()
            .that()
            .resideInAPackage("io.keyhold.users..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.keyhold.sessions..",
                    "io.keyhold.auth..",
                    "io.keyhold.mail..",
                    "io.keyhold.audit..",
                    "io.keyhold.cli..");

    /**
     * The web stops at the controller: the services of users, login and mail take records, so the API,
     * the console, the link pages and the commands call them alike and none builds a request body.
     */
    @ArchTest
    static final ArchRule servicesKnowNoRequests = noClasses()
            .that()
            .resideInAnyPackage("io.keyhold.users..", "io.keyhold.auth..", "io.keyhold.mail..")
            .and(annotatedWith(Service.class).or(annotatedWith(Component.class)))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.keyhold.requests..",
                    "org.springframework.http..",
                    "org.springframework.web..",
                    "jakarta.servlet..");
}
