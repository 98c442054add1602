/**
 * The OpenAPI document at {@code /v3/api-docs} and the Swagger UI at {@code /docs}: springdoc reads
 * the operations from the handlers' annotations and the shapes from the records', and this package
 * adds what every operation shares (the token schemes, problem details, the failures any operation
 * can meet). It depends on the features; nothing depends on it.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "users",
            "network",
            "paging",
            "passwords",
            "problems",
            "requests",
            "web",
            "webhooks"
        })
package io.keyhold.docs;

import org.springframework.modulith.ApplicationModule;
