package io.keyhold.users;

import com.ibm.icu.text.IDNA;
import io.keyhold.text.PlainText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address checked the way Django's {@code EmailValidator} checks it, with its domain
 * normalised by IDNA (UTS #46, nontransitional, as browsers do): {@code ＥＸＡＭＰＬＥ.com},
 * {@code Example.COM} and {@code example.com} are one domain, and so are {@code xn--bcher-kva.de}
 * and {@code bücher.de}. {@code value} is what is stored and shown: the local part as sent and the
 * domain in its lower-case Unicode form, the one its users recognise. {@code key} is the value
 * lower-cased, and is what makes two spellings one account. {@code ascii} is the same address with
 * the domain in its ASCII (punycode) form, the one SMTP accepts.
 *
 * <p>An address with a control or invisible character anywhere is not an address at all: IDNA
 * would map a soft hyphen or a zero-width space in a domain away, so {@code exam\u00adple.com}
 * would look like, but not be, {@code example.com}.
 */
public record EmailAddress(String value, String key, String ascii) {

    public static final int MAX_LENGTH = 254;
    /** The field message for text that is no address. */
    public static final String INVALID = "Enter a valid email address.";

    /** The summary {@code error} of a refusal whose only problem is the address's format (the seed's words). */
    public static final String INVALID_SUMMARY = "Invalid email format";

    private static final Pattern USER_PART = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*"
                    + "|\"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN_PART = Pattern.compile(
            "((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\\.)+)(?:[A-Z0-9-]{2,63}(?<!-))", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4_LITERAL =
            Pattern.compile("\\[((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)]");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]");
    /** Thread-safe, so one instance serves every request. */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE);

    /** The address in canonical form, or empty when it is not a valid address. */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null || PlainText.hasHiddenCharacters(raw)) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.length() > 320) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        if (!USER_PART.matcher(local).matches()) {
            return Optional.empty();
        }
        return Domain.of(trimmed.substring(at + 1))
                .map(domain -> new EmailAddress(
                        local + "@" + domain.unicode(),
                        local.toLowerCase(Locale.ROOT) + "@" + domain.unicode(),
                        local + "@" + domain.ascii()));
    }

    /**
     * The lookup key for any spelling, valid or not: a valid address's {@link #key}, anything
     * else lower-cased, so lookups of garbage simply find nothing.
     */
    public static String keyOf(String raw) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        if (isAscii(raw) && !lower.contains("xn--")) {
            // What parsing would give, valid or not: only an international domain has other spellings.
            // Every login and every imported row asks, so this skips the parsing.
            return lower;
        }
        return parse(raw).map(EmailAddress::key).orElse(lower);
    }

    /** A stored address as SMTP takes it (ASCII domain); one that no longer parses is left as it is. */
    public static String asciiFormOf(String stored) {
        return parse(stored).map(EmailAddress::ascii).orElse(stored);
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(character -> character < 0x80);
    }

    /** A domain in both IDNA forms; for an address literal ({@code [192.0.2.1]}) both are the literal. */
    private record Domain(String unicode, String ascii) {

        static Optional<Domain> of(String raw) {
            if (raw.startsWith("[")) {
                String literal = raw.toLowerCase(Locale.ROOT);
                boolean valid = IPV4_LITERAL.matcher(literal).matches() || validIpv6(literal);
                return valid ? Optional.of(new Domain(literal, literal)) : Optional.empty();
            }
            String lower = raw.toLowerCase(Locale.ROOT);
            if (isAscii(raw)
                    && (lower.equals("localhost")
                            || (DOMAIN_PART.matcher(lower).matches() && !lower.contains("xn--")))) {
                // Plain ASCII letters, digits and hyphens: IDNA would only lower-case them. The
                // common case, and on every login, so it skips the IDNA machinery.
                return Optional.of(new Domain(lower, lower));
            }
            var asciiInfo = new IDNA.Info();
            String ascii =
                    UTS46.nameToASCII(raw, new StringBuilder(), asciiInfo).toString();
            var unicodeInfo = new IDNA.Info();
            String unicode =
                    UTS46.nameToUnicode(ascii, new StringBuilder(), unicodeInfo).toString();
            if (refused(asciiInfo) || refused(unicodeInfo)) {
                return Optional.empty();
            }
            if (!ascii.equals("localhost") && !DOMAIN_PART.matcher(ascii).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Domain(unicode, ascii));
        }

        /**
         * Any IDNA error but one: {@code ab--cd} labels (hyphens in the third and fourth place),
         * which Django's validator and DNS accept and earlier versions of Keyhold stored.
         */
        private static boolean refused(IDNA.Info info) {
            return info.getErrors().stream().anyMatch(error -> error != IDNA.Error.HYPHEN_3_4);
        }

        private static boolean validIpv6(String literal) {
            if (!IPV6_LITERAL.matcher(literal).matches()) {
                return false;
            }
            // Only hex digits, colons and dots reach here, so this parses a literal and never asks DNS.
            try {
                return InetAddress.getByName(literal) instanceof Inet6Address;
            } catch (UnknownHostException malformed) {
                return false;
            }
        }
    }
}
