package io.keyhold;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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

    /** The web stops at the controller: a service takes records, so the console and commands call it without a body. */
    @ArchTest
    static final ArchRule userServicesKnowNoRequests = noClasses()
            .that()
            .resideInAPackage("io.keyhold.users..")
            .and()
            .haveSimpleNameEndingWith("Service")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.keyhold.requests..", "org.springframework.http..", "jakarta.servlet..");
}
