package io.keyhold.admin;

import io.keyhold.paging.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.LongFunction;
import org.springframework.web.util.UriComponentsBuilder;

/** Where a console list stands among its pages, and the links to the pages beside it (null at an end). */
record Pager(long page, long pages, String previous, String next) {

    /**
     * Links to the requested page itself with only its {@code page} changed, so its filters and
     * page size carry over.
     *
     * @throws io.keyhold.problems.NotFound for a page past the end, as the API answers it
     */
    static Pager of(PageRequest request, long count, HttpServletRequest http) {
        return of(
                request,
                count,
                number -> UriComponentsBuilder.fromPath(http.getRequestURI())
                        .query(http.getQueryString())
                        .replaceQueryParam(PageRequest.PAGE, number)
                        .build()
                        .toUriString());
    }

    /** @throws io.keyhold.problems.NotFound for a page past the end, as the API answers it */
    static Pager of(PageRequest request, long count, LongFunction<String> linkToPage) {
        long pages = request.within(count).lastPage(count);
        long page = request.page();
        return new Pager(
                page,
                pages,
                page > 1 ? linkToPage.apply(page - 1) : null,
                page < pages ? linkToPage.apply(page + 1) : null);
    }
}
