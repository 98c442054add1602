/**
 * The OpenAPI document at {@code /v3/api-docs} and the Swagger UI at {@code /docs}: springdoc finds
 * the endpoints, and this package adds what it cannot infer (bodies read by {@code RequestFields},
 * examples, error responses, the token schemes). It depends on the features; nothing depends on it.
 */
@ApplicationModule(allowedDependencies = {"audit", "users", "network", "paging", "problems", "requests", "web"})
package io.keyhold.docs;

import org.springframework.modulith.ApplicationModule;
