package io.keyhold.paging;

import io.keyhold.problems.NotFound;

/**
 * DRF-style page number pagination: {@code ?page=N&page_size=M}. An unusable page size falls
 * back to the default and sizes are capped at 100; an unusable page number is a 404 as in DRF,
 * raised by {@link #validated()} once the caller has been allowed to list at all.
 */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final String INVALID_PAGE = "Invalid page.";
    private static final int INVALID = 0;

    /** The query parameters' names. */
    public static final String PAGE = "page";

    public static final String PAGE_SIZE = "page_size";

    /** From the query's {@code page} and {@code page_size} as sent, either of them absent (null) or unusable. */
    public static PageRequest of(String page, String pageSize) {
        return new PageRequest(page(page), pageSize(pageSize));
    }

    /** This request, if its page number is usable. */
    public PageRequest validated() {
        if (page == INVALID) {
            throw new NotFound(INVALID_PAGE);
        }
        return this;
    }

    /** The last page of {@code count} items: page 1 always exists, even for none. */
    public long lastPage(long count) {
        return Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** This request, if its page holds any of {@code count} items; past the end is a 404, as in DRF. */
    public PageRequest within(long count) {
        if (page > lastPage(count)) {
            throw new NotFound(INVALID_PAGE);
        }
        return this;
    }

    public long offset() {
        return (long) (validated().page - 1) * pageSize;
    }

    private static int page(String value) {
        if (value == null) {
            return 1;
        }
        try {
            return Math.max(INVALID, Integer.parseInt(value));
        } catch (NumberFormatException notANumber) {
            return INVALID;
        }
    }

    private static int pageSize(String value) {
        if (value == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(value);
            return size < 1 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        } catch (NumberFormatException notANumber) {
            return DEFAULT_PAGE_SIZE;
        }
    }
}
