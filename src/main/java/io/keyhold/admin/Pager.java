package io.keyhold.admin;

import io.keyhold.paging.PageRequest;
import java.util.function.LongFunction;

/** Where a console list stands among its pages, and the links to the pages beside it (null at an end). */
record Pager(long page, long pages, String previous, String next) {

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
