package io.keyhold.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-24T10:24:01Z, 2026-11-24T10:24:01Z",
        "2026-11-24T10:24:01.5Z, 2026-11-24T10:24:01.500Z",
        "2026-11-24T10:24:01.581Z, 2026-11-24T10:24:01.581Z",
        "2026-11-24T10:24:01.123456Z, 2026-11-24T10:24:01.123456Z",
        "2026-11-24T10:24:01.123456789Z, 2026-11-24T10:24:01.123456Z",
        "2026-11-24T10:24:01.123+00:00, 2026-11-24T10:24:01.123Z",
        "2026-11-24T12:24:01.123+02:00, 2026-11-24T10:24:01.123Z",
        "2024-02-29T23:59:59.999999-05:00, 2024-03-01T04:59:59.999999Z",
    })
    void parseThenTheSameInstantAsJavaTimeCutToMicroseconds(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-11-24 10:24:01Z",
                "2026-11-24T10:24:01.1234567890Z",
                "2026-11-24T1O:24:01Z",
                ""
            })
    void parseWhenNotATimestampThenDateTimeParseException(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T10:00:00.123456Z", "1970-01-01T00:00:00.000000Z"})
    void formatThenParseGivesTheSameText(String text) {
        assertThat(Timestamps.format(Timestamps.parse(text))).isEqualTo(text);
    }
}
