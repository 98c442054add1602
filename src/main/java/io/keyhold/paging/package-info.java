/** DRF's page-number pagination: {@code ?page=N&page_size=M} in, a page of results out. */
@ApplicationModule(allowedDependencies = {"problems"})
package io.keyhold.paging;

import org.springframework.modulith.ApplicationModule;
