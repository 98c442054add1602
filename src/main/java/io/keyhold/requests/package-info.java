/**
 * Reading request bodies and query strings as DRF reads them (SPEC §2): JSON, form and multipart
 * bodies into {@link io.keyhold.requests.RequestFields}, the exact 413 body limit, and the query-string
 * check. Controllers read typed records from these; services never see them.
 */
@ApplicationModule(allowedDependencies = {"problems"})
package io.keyhold.requests;

import org.springframework.modulith.ApplicationModule;
