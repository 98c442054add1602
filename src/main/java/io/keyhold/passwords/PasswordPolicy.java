package io.keyhold.passwords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * Django's default password validators, ported faithfully so that a password Django accepts is accepted
 * here and the messages read the same: user-attribute similarity (email, name), minimum length 8,
 * common passwords, entirely numeric. Plus a maximum length of 4096, which bounds the work of the others
 * and of hashing.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 4096;
    public static final String TOO_COMMON = "This password is too common.";
    private static final double MAX_SIMILARITY = 0.7;
    private static final String COMMON_PASSWORDS = "passwords/common-passwords.txt.gz";

    private final Set<String> commonPasswords;

    public PasswordPolicy() {
        this.commonPasswords = loadCommonPasswords();
    }

    /**
     * The problems with {@code password} as field messages, in Django's order (similarity, length,
     * common, numeric); empty when it is acceptable. {@code email} and {@code name} may be null.
     */
    public List<String> problems(String password, String email, String name) {
        // Lengths count code points, as Python's len() does.
        int length = password.codePointCount(0, password.length());
        if (length > MAX_LENGTH) {
            return List.of("This password is too long. It must contain at most " + MAX_LENGTH + " characters.");
        }
        List<String> problems = new ArrayList<>();
        if (isTooSimilar(password, email)) {
            problems.add("The password is too similar to the email.");
        } else if (isTooSimilar(password, name)) {
            problems.add("The password is too similar to the name.");
        }
        if (length < MIN_LENGTH) {
            problems.add("This password is too short. It must contain at least " + MIN_LENGTH + " characters.");
        }
        if (commonPasswords.contains(PythonStrings.strip(password.toLowerCase(Locale.ROOT)))) {
            problems.add(TOO_COMMON);
        }
        if (PythonStrings.isDigit(password)) {
            problems.add("This password is entirely numeric.");
        }
        return problems;
    }

    // UserAttributeSimilarityValidator: the password against the whole value and each of its \W+ parts.
    private static boolean isTooSimilar(String password, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String passwordLower = password.toLowerCase(Locale.ROOT);
        String valueLower = value.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>(PythonStrings.splitOnNonWord(valueLower));
        parts.add(valueLower);
        for (String part : parts) {
            if (!exceedsMaximumLengthRatio(passwordLower, part) && quickRatio(passwordLower, part) >= MAX_SIMILARITY) {
                return true;
            }
        }
        return false;
    }

    // Django skips values far shorter than the password: their ratio is bounded by 2 / length ratio.
    private static boolean exceedsMaximumLengthRatio(String password, String value) {
        int passwordLength = password.codePointCount(0, password.length());
        int valueLength = value.codePointCount(0, value.length());
        double lengthBoundSimilarity = MAX_SIMILARITY / 2 * passwordLength;
        return passwordLength >= 10 * valueLength && valueLength < lengthBoundSimilarity;
    }

    // difflib.SequenceMatcher(a, b).quick_ratio(): twice the size of the multiset intersection of the
    // two strings' code points over their total length, and 1.0 for two empty strings.
    private static double quickRatio(String a, String b) {
        Map<Integer, Integer> available = new HashMap<>();
        b.codePoints().forEach(codePoint -> available.merge(codePoint, 1, Integer::sum));
        int matches = 0;
        for (int codePoint : a.codePoints().toArray()) {
            Integer count = available.get(codePoint);
            if (count != null && count > 0) {
                available.put(codePoint, count - 1);
                matches++;
            }
        }
        int totalLength = a.codePointCount(0, a.length()) + b.codePointCount(0, b.length());
        return totalLength == 0 ? 1.0 : 2.0 * matches / totalLength;
    }

    private static Set<String> loadCommonPasswords() {
        InputStream resource = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS);
        if (resource == null) {
            throw new IllegalStateException("Missing classpath resource " + COMMON_PASSWORDS);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
            // Stripped like Django does; the list is already lower-cased.
            return reader.lines().map(PythonStrings::strip).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, e);
        }
    }
}
