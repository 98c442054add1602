package io.keyhold.admin;

import io.keyhold.users.UserQuery;
import io.keyhold.web.PageRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** The state of the user list page, and the links that keep it while sorting or paging. */
record UserListing(UserQuery.Params params, PageRequest page, long total) {

    public int pages() {
        return (int) Math.max(1, (total + page.pageSize() - 1) / page.pageSize());
    }

    public boolean hasPrevious() {
        return page.page() > 1;
    }

    public boolean hasNext() {
        return page.page() < pages();
    }

    public String pageLink(int number) {
        return link(params.ordering(), number);
    }

    /** Sorting by a column: ascending first, then descending on the next click; back to page one. */
    public String sortLink(String field) {
        return link(field.equals(params.ordering()) ? "-" + field : field, 1);
    }

    /** The column's {@code aria-sort}, so a screen reader says how the table is sorted. */
    public String ariaSort(String field) {
        if (field.equals(params.ordering())) {
            return "ascending";
        }
        return ("-" + field).equals(params.ordering()) ? "descending" : "none";
    }

    private String link(String ordering, int number) {
        var uri = UriComponentsBuilder.fromPath("/admin/users");
        addIfSet(uri, "search", params.search());
        addIfSet(uri, "is_active", params.active());
        addIfSet(uri, "is_staff", params.staff());
        addIfSet(uri, "ordering", ordering);
        if (number > 1) {
            uri.queryParam("page", number);
        }
        return uri.encode().build().toUriString();
    }

    private static void addIfSet(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isEmpty()) {
            uri.queryParam(name, value);
        }
    }
}
