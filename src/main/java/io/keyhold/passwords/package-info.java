/**
 * Passwords: hashing and verification in Django's encoded formats, Django's password validators, and
 * the bounded pool that hashing runs on.
 *
 * <p>The public types here are the feature's API ({@link io.keyhold.passwords.Passwords},
 * {@link io.keyhold.passwords.PasswordPolicy}, {@link io.keyhold.passwords.HashPool}); the hashers for
 * each format are package-private.
 */
@ApplicationModule(allowedDependencies = {"problems"})
package io.keyhold.passwords;

import org.springframework.modulith.ApplicationModule;
