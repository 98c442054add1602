package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TOTP arithmetic against the RFCs' own test vectors. */
class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 4226 appendix D: HOTP values of the counters 0 to 9 (TOTP is HOTP over the step). */
    @ParameterizedTest
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
    })
    void rfc4226Values(long counter, String expected) {
        assertThat(Totp.code(RFC_SECRET, counter)).isEqualTo(expected);
    }

    /** RFC 6238 appendix B, the HMAC-SHA1 column: 8 digits at the given Unix times. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void rfc6238Values(long unixTime, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(RFC_SECRET, step, "HmacSHA1", 8)).isEqualTo(expected);
    }

    /** RFC 6238 appendix B, the SHA-256 and SHA-512 columns, with the RFC's longer seeds. */
    @ParameterizedTest
    @CsvSource({
        "HmacSHA256, 12345678901234567890123456789012, 59, 46119246",
        "HmacSHA256, 12345678901234567890123456789012, 1111111109, 68084774",
        "HmacSHA512, 1234567890123456789012345678901234567890123456789012345678901234, 59, 90693936",
        "HmacSHA512, 1234567890123456789012345678901234567890123456789012345678901234, 2000000000, 38618901"
    })
    void rfc6238OtherHashes(String mac, String seed, long unixTime, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(seed.getBytes(StandardCharsets.US_ASCII), step, mac, 8))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-30, true", "0, true", "30, true", "-60, false", "60, false", "90, false"})
    void acceptsOneStepOfDriftEitherWay(long offsetSeconds, boolean accepted) {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        String code = Totp.code(RFC_SECRET, Totp.stepAt(now.plusSeconds(offsetSeconds)));
        assertThat(Totp.matchingStep(RFC_SECRET, code, now).isPresent()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource(
            value = {"''", "12345", "1234567", "12a456", "' 12345'", "NULL"},
            nullValues = "NULL")
    void refusesWhatIsNotSixDigits(String code) {
        assertThat(Totp.matchingStep(RFC_SECRET, code, Instant.now())).isEmpty();
    }

    /** RFC 4648 §10 vectors, and the round trip of a 160-bit secret. */
    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded.toLowerCase()), StandardCharsets.US_ASCII))
                .isEqualTo(plain);
    }
}
