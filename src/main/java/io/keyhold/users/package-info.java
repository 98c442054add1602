/** Users: the account model, signup, profile edits, deletion, the staff list, and every rule about who may do what to which user (UserPermissions). */
@ApplicationModule(
        allowedDependencies = {
            "passwords",
            "network",
            "paging",
            "problems",
            "ratelimits",
            "requests",
            "text",
            "time",
            "web"
        })
package io.keyhold.users;

import org.springframework.modulith.ApplicationModule;
