/**
 * The embedded H2 database file: every answer waits for what it wrote to be in the file, and the file stays
 * compact (SPEC §11). Nothing here acts on PostgreSQL.
 */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.storage;

import org.springframework.modulith.ApplicationModule;
