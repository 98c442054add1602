/**
 * Secrets Keyhold must read back, kept encrypted at rest: AES-256-GCM under one key, {@code
 * keyhold.mfa.encryption-key} (the name it had when second factors were its only users), or a
 * key generated once into {@code keyhold.mfa.key-file}. Second factors and webhook signing
 * secrets are sealed with it, so a copy of the database alone yields neither.
 */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.secrets;

import org.springframework.modulith.ApplicationModule;
