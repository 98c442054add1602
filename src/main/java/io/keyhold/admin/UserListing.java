package io.keyhold.admin;

import io.keyhold.paging.PageRequest;
import io.keyhold.users.UserQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/** The state of the user list page, and the links that keep it while sorting or paging. */
record UserListing(UserQuery.Params params, PageRequest page, long total) {

    /** @throws io.keyhold.problems.NotFound for a page past the end */
    public Pager pager() {
        return Pager.of(page, total, number -> link(params.ordering(), number));
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

    /**
     * The list with these parameters. Values go in as URI variables, which are encoded strictly:
     * a {@code +} in a searched address stays a plus instead of turning into a space.
     */
    private String link(String ordering, long number) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("search", params.search());
        values.put("is_active", params.active());
        values.put("is_staff", params.staff());
        values.put("ordering", ordering);
        values.put("page", number > 1 ? number : null);
        values.put("page_size", page.pageSize() == PageRequest.DEFAULT_PAGE_SIZE ? null : page.pageSize());
        var uri = UriComponentsBuilder.fromPath("/admin/users");
        values.entrySet()
                .removeIf(entry ->
                        entry.getValue() == null || entry.getValue().toString().isEmpty());
        values.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
        return uri.encode().buildAndExpand(values).toUriString();
    }
}
