package io.keyhold.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as Keyhold stores and shows them: microsecond precision (what PostgreSQL keeps), UTC,
 * and ISO-8601 text with six fraction digits ({@code 2026-11-24T10:00:00.123456Z}).
 */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The clock's time cut to what the database keeps, so a value reads back equal. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant instant) {
        return instant == null ? null : ISO_MICROS.format(instant);
    }

    public static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromSql(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
