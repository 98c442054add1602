package io.keyhold.audit;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.UserPermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Staff browse the trail, newest first, filtered by user, type and time: for the API and the console. */
@Service
public class AuditSearch {

    static final String UNKNOWN_TYPE = "Unknown event type.";

    private static final RowMapper<AuditEvent> EVENTS = (row, number) -> new AuditEvent(
            row.getLong("id"),
            Timestamps.format(fromSql(row, "at")),
            row.getString("type"),
            (Long) row.getObject("user_id", Long.class),
            (Long) row.getObject("actor_id", Long.class),
            row.getString("ip"),
            row.getString("user_agent"),
            row.getString("detail"));

    private final JdbcClient jdbc;
    private final UserPermissions permissions;

    AuditSearch(JdbcClient jdbc, UserPermissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    /** The filters as sent; any may be null. Times are ISO-8601 with an offset. */
    public record Filter(String userId, String type, String since, String until) {}

    /** One page of events and how many match in all. */
    public record Found(List<AuditEvent> events, long count) {}

    /** @throws io.keyhold.problems.ValidationFailed naming each unreadable filter */
    public Found search(Caller caller, Filter filter, PageRequest page) {
        permissions.checkCanList(caller);
        page.validated();
        var errors = new FieldErrors();
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (filter.userId() != null) {
            try {
                values.add(Long.parseLong(filter.userId()));
                conditions.add("user_id = ?");
            } catch (NumberFormatException notANumber) {
                errors.add("user_id", "A valid integer is required.");
            }
        }
        if (filter.type() != null) {
            if (Arrays.stream(AuditType.values())
                    .noneMatch(known -> known.code().equals(filter.type()))) {
                errors.add("type", UNKNOWN_TYPE);
            }
            conditions.add("type = ?");
            values.add(filter.type());
        }
        addTimeBound("since", filter.since(), "at >= ?", conditions, values, errors);
        addTimeBound("until", filter.until(), "at < ?", conditions, values, errors);
        errors.throwIfAny();
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long count = jdbc.sql("SELECT COUNT(*) FROM audit_events" + where)
                .params(values)
                .query(Long.class)
                .single();
        List<Object> pageValues = new ArrayList<>(values);
        pageValues.add(page.pageSize());
        pageValues.add(page.offset());
        List<AuditEvent> events = jdbc.sql(
                        "SELECT * FROM audit_events" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
                .params(pageValues)
                .query(EVENTS)
                .list();
        return new Found(events, count);
    }

    /**
     * How many events of a type fall into each of the consecutive periods that {@code bounds}
     * delimits ({@code bounds.size() - 1} counts), in one pass over the time index.
     */
    public List<Long> countsBetween(Caller caller, AuditType type, List<Instant> bounds) {
        permissions.checkCanList(caller);
        var sums = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (int period = 0; period < bounds.size() - 1; period++) {
            sums.append(period == 0 ? "" : ", ")
                    .append("COUNT(CASE WHEN at >= ? AND at < ? THEN 1 END) AS p")
                    .append(period);
            values.add(toSql(bounds.get(period)));
            values.add(toSql(bounds.get(period + 1)));
        }
        values.add(type.code());
        values.add(toSql(bounds.get(0)));
        values.add(toSql(bounds.get(bounds.size() - 1)));
        return jdbc.sql("SELECT " + sums + " FROM audit_events WHERE type = ? AND at >= ? AND at < ?")
                .params(values)
                .query((row, number) -> {
                    List<Long> counts = new ArrayList<>();
                    for (int period = 1; period < bounds.size(); period++) {
                        counts.add(row.getLong(period));
                    }
                    return counts;
                })
                .single();
    }

    private static void addTimeBound(
            String field,
            String text,
            String condition,
            List<String> conditions,
            List<Object> values,
            FieldErrors errors) {
        if (text == null) {
            return;
        }
        try {
            Instant bound = Timestamps.parse(text);
            conditions.add(condition);
            values.add(toSql(bound));
        } catch (DateTimeParseException unreadable) {
            errors.add(field, "Enter an ISO-8601 timestamp with an offset, such as 2026-11-24T10:00:00Z.");
        }
    }
}
