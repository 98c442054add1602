package io.keyhold.users;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address checked the way Django's {@code EmailValidator} checks it. The domain is
 * lower-cased (domains are case-insensitive), the local part is kept as sent; {@code key} is the
 * whole address lower-cased and is what makes two spellings one account.
 */
public record EmailAddress(String value, String key) {

    public static final int MAX_LENGTH = 254;

    private static final Pattern USER_PART = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*"
                    + "|\"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN_PART = Pattern.compile(
            "((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\\.)+)(?:[A-Z0-9-]{2,63}(?<!-))", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4_LITERAL =
            Pattern.compile("\\[((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)]");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]");

    /** The address in canonical form, or empty when it is not a valid address. */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.length() > 320) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!USER_PART.matcher(local).matches() || !validDomain(domain)) {
            return Optional.empty();
        }
        String value = local + "@" + domain;
        return Optional.of(new EmailAddress(value, value.toLowerCase(Locale.ROOT)));
    }

    /** The lookup key for any spelling, valid or not, so lookups of garbage simply find nothing. */
    public static String keyOf(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean validDomain(String domain) {
        if (domain.equals("localhost") || DOMAIN_PART.matcher(domain).matches()) {
            return true;
        }
        if (domain.startsWith("[")) {
            return IPV4_LITERAL.matcher(domain).matches() || validIpv6(domain);
        }
        try {
            String ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            return !ascii.equals(domain) && DOMAIN_PART.matcher(ascii).matches();
        } catch (IllegalArgumentException notAnIdn) {
            return false;
        }
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
