package io.keyhold.audit;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.UserPermissions;
import io.keyhold.web.FieldErrors;
import io.keyhold.web.Page;
import io.keyhold.web.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit/}: staff browse the trail, newest first, filtered by user, type and time. */
@RestController
class AuditController {

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

    AuditController(JdbcClient jdbc, UserPermissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    @GetMapping("/api/audit")
    Page<AuditEvent> list(
            Caller caller,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            HttpServletRequest request) {
        permissions.checkCanList(caller);
        PageRequest page = PageRequest.of(request).validated();
        var errors = new FieldErrors();
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (userId != null) {
            try {
                values.add(Long.parseLong(userId));
                conditions.add("user_id = ?");
            } catch (NumberFormatException notANumber) {
                errors.add("user_id", "A valid integer is required.");
            }
        }
        if (type != null) {
            if (Arrays.stream(AuditType.values())
                    .noneMatch(known -> known.code().equals(type))) {
                errors.add("type", "Unknown event type.");
            }
            conditions.add("type = ?");
            values.add(type);
        }
        addTimeBound("since", since, "at >= ?", conditions, values, errors);
        addTimeBound("until", until, "at < ?", conditions, values, errors);
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
        return Page.of(events, count, page, request);
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
