/**
 * Refusals and how they are answered: features throw a {@link io.keyhold.problems.Refusal} of their
 * own kind, and {@link io.keyhold.problems.RefusalHandler} turns it into problem JSON with its
 * HTTP status. Tomcat's own errors get the same JSON through {@link io.keyhold.problems.ProblemReportValve}.
 */
@ApplicationModule(allowedDependencies = {"text"})
package io.keyhold.problems;

import org.springframework.modulith.ApplicationModule;
