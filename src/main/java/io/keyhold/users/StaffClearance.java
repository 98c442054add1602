package io.keyhold.users;

/**
 * Whether a staff account may use its staff powers yet. With {@code
 * keyhold.mfa.required-for-staff}, not before it has a second factor (SPEC §13). The second-factor
 * feature answers it; {@code users} only asks, so it depends on nothing of that feature.
 */
public interface StaffClearance {

    String SECOND_FACTOR_REQUIRED = "Two-factor authentication must be set up";

    boolean cleared(User staff);
}
