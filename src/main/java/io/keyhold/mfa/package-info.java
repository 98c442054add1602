/**
 * Second factors (SPEC §13): TOTP, recovery codes and passkeys, their enrolment, the proof a login
 * gives after its password, and the rule that staff must have one when {@code
 * keyhold.mfa.required-for-staff} is on.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "passwords",
            "sessions",
            "users",
            "network",
            "problems",
            "requests",
            "secrets",
            "text",
            "time",
            "tokens",
            "web"
        })
package io.keyhold.mfa;

import org.springframework.modulith.ApplicationModule;
