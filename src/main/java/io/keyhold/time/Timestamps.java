package io.keyhold.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Instants as Keyhold stores and shows them: microsecond precision (what PostgreSQL keeps), UTC,
 * and ISO-8601 text with six fraction digits ({@code 2026-11-24T10:00:00.123456Z}).
 */
public final class Timestamps {

    /** How the API document describes the format, after what a timestamp means. */
    public static final String DOC = " ISO-8601 UTC with microseconds.";

    public static final String EXAMPLE = "2026-11-24T10:00:00.123456Z";

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

    /**
     * Reads an ISO-8601 timestamp with an offset, cut to microseconds. The shape Django and
     * Keyhold write ({@code 2026-11-24T10:00:00.123456Z}) is read directly, because
     * DateTimeFormatter made up a quarter of a million-user import; anything else goes through
     * {@link OffsetDateTime#parse}.
     *
     * @throws DateTimeParseException when the text is no such timestamp
     */
    public static Instant parse(String text) {
        Instant fast = parseUtcShape(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} or with {@code +00:00}; null for anything else. */
    private static Instant parseUtcShape(String text) {
        int length = text.length();
        int end = text.endsWith("Z") ? length - 1 : text.endsWith("+00:00") ? length - 6 : -1;
        if (end < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int digits = end - 20;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int fraction = digits(text, 20, end);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * (int) Math.pow(10, 9 - digits);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number in text[from, to), or -1 if any character is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromSql(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
