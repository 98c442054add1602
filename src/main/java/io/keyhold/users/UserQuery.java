package io.keyhold.users;

import io.keyhold.web.FieldErrors;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code search} and {@code ordering} of a user list, turned into SQL. Orderings come from a
 * fixed map of columns, never from the request text, and search terms are bound parameters with
 * {@code %}, {@code _} and {@code \} escaped so they match literally.
 */
public record UserQuery(String search, String orderColumn, boolean descending) {

    private static final Map<String, String> ORDERABLE = Map.ofEntries(
            Map.entry("id", "u.id"),
            Map.entry("email", "u.email_key"),
            Map.entry("name", "u.name"),
            Map.entry("phone", "u.phone"),
            Map.entry("gender", "u.gender"),
            Map.entry("is_active", "u.is_active"),
            Map.entry("is_staff", "u.is_staff"),
            Map.entry("is_superuser", "u.is_superuser"),
            Map.entry("email_verified", "u.email_verified"),
            Map.entry("last_login", "u.last_login"),
            Map.entry("created_at", "u.created_at"),
            Map.entry("updated_at", "u.updated_at"));

    /** @throws io.keyhold.web.ValidationFailed for an ordering that names no known field */
    public static UserQuery of(String search, String ordering) {
        String term = search == null || search.isBlank() ? null : search.strip();
        if (term != null && term.indexOf('\0') >= 0) {
            term = term.replace("\0", "");
        }
        if (ordering == null || ordering.isBlank()) {
            return new UserQuery(term, "u.id", false);
        }
        String field = ordering.strip();
        boolean descending = field.startsWith("-");
        String column = ORDERABLE.get(descending ? field.substring(1) : field);
        if (column == null) {
            var errors = new FieldErrors();
            errors.add(
                    "ordering",
                    "Unknown field. Choose one of: "
                            + String.join(
                                    ", ", ORDERABLE.keySet().stream().sorted().toList())
                            + ", optionally prefixed with -.");
            errors.throwIfAny("Invalid ordering");
        }
        return new UserQuery(term, column, descending);
    }

    String whereClause() {
        return search == null ? "" : " WHERE (u.email_key LIKE ? ESCAPE '\\' OR LOWER(u.name) LIKE ? ESCAPE '\\')";
    }

    Object[] parameters() {
        if (search == null) {
            return new Object[0];
        }
        String pattern = "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%";
        return new Object[] {pattern, pattern};
    }

    String orderByClause() {
        String direction = descending ? " DESC" : " ASC";
        // Nulls sort last either way on both databases, and id breaks ties so pages never overlap.
        return " ORDER BY " + orderColumn + direction + " NULLS LAST, u.id" + direction;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
