package io.keyhold.users;

import io.keyhold.problems.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code search}, {@code is_active}/{@code is_staff} filters and {@code ordering} of a user
 * list, turned into SQL. Orderings come from a
 * fixed map of columns, never from the request text, and search terms are bound parameters with
 * {@code %}, {@code _} and {@code \} escaped so they match literally.
 */
public record UserQuery(String search, Boolean active, Boolean staff, String orderColumn, boolean descending) {

    /** A list request's parameters as sent; any of them may be null. */
    public record Params(String search, String ordering, String active, String staff) {}

    /** The filters' spellings, as django-filter's BooleanFilter reads them; empty means no filter. */
    private static final Map<String, Boolean> FLAG_VALUES =
            Map.of("true", true, "True", true, "1", true, "false", false, "False", false, "0", false);

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

    static final String INVALID_ORDERING = "Invalid ordering";

    /** The spellings of the filters, and empty for none. */
    public static List<String> filterSpellings() {
        var spellings = new ArrayList<String>(List.of(""));
        spellings.addAll(FLAG_VALUES.keySet().stream().sorted().toList());
        return spellings;
    }

    /** Every ordering: each field ascending and descending, and empty for the default. */
    public static List<String> orderings() {
        var orderings = new ArrayList<String>(List.of(""));
        ORDERABLE.keySet().stream().sorted().forEach(field -> {
            orderings.add(field);
            orderings.add("-" + field);
        });
        return orderings;
    }

    /** @throws io.keyhold.problems.ValidationFailed for an unknown ordering field or an unreadable filter */
    public static UserQuery of(Params params) {
        String term = params.search() == null || params.search().isBlank()
                ? null
                : params.search().strip();
        if (term != null && term.indexOf('\0') >= 0) {
            term = term.replace("\0", "");
        }
        var errors = new FieldErrors();
        Boolean active = flag("is_active", params.active(), errors);
        Boolean staff = flag("is_staff", params.staff(), errors);
        errors.throwIfAny();
        String ordering = params.ordering();
        if (ordering == null || ordering.isBlank()) {
            return new UserQuery(term, active, staff, "u.id", false);
        }
        String field = ordering.strip();
        boolean descending = field.startsWith("-");
        String column = ORDERABLE.get(descending ? field.substring(1) : field);
        if (column == null) {
            errors.add(
                    "ordering",
                    "Unknown field. Choose one of: "
                            + String.join(
                                    ", ", ORDERABLE.keySet().stream().sorted().toList())
                            + ", optionally prefixed with -.");
            errors.throwIfAny(INVALID_ORDERING);
        }
        return new UserQuery(term, active, staff, column, descending);
    }

    private static Boolean flag(String field, String text, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Boolean value = FLAG_VALUES.get(text);
        if (value == null) {
            errors.add(field, "Select a valid choice. " + text + " is not one of the available choices.");
        }
        return value;
    }

    String whereClause() {
        List<String> conditions = new ArrayList<>();
        if (search != null) {
            conditions.add("(u.email_key LIKE ? ESCAPE '\\' OR LOWER(u.name) LIKE ? ESCAPE '\\')");
        }
        if (active != null) {
            conditions.add("u.is_active = ?");
        }
        if (staff != null) {
            // Superusers are staff for every purpose, as UserPermissions treats them.
            conditions.add(
                    staff
                            ? "(u.is_staff = TRUE OR u.is_superuser = TRUE)"
                            : "(u.is_staff = FALSE AND u.is_superuser = FALSE)");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Object[] parameters() {
        List<Object> values = new ArrayList<>();
        if (search != null) {
            String pattern = "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%";
            values.add(pattern);
            values.add(pattern);
        }
        if (active != null) {
            values.add(active);
        }
        return values.toArray();
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
