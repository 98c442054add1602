/** The audit trail: events written with the changes they record, browsed by staff, pruned after the retention. */
@ApplicationModule(allowedDependencies = {"users", "network", "paging", "problems", "time", "web"})
package io.keyhold.audit;

import org.springframework.modulith.ApplicationModule;
