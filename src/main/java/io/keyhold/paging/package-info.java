/** DRF's page-number pagination: {@code ?page=N&page_size=M} in, a page of results out. */
package io.keyhold.paging;
