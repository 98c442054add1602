package io.keyhold.passwords;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python {@code str} semantics that Django's password validators rely on, where Java's
 * nearest equivalent differs. Checked against CPython 3.11 over every code point both Unicode
 * versions assign.
 *
 * <p>Lower-casing needs no port: {@code toLowerCase(Locale.ROOT)} agrees with {@code str.lower()} on
 * every single code point. The two only part on context, in choosing final sigma: a capital sigma after
 * an uncased character such as '²' becomes 'ς' in Java and 'σ' in Python. That can move a Greek
 * password's similarity ratio by one character, which is not worth a port of Python's casing rules.
 */
final class PythonStrings {

    // Python's isdigit() accepts Numeric_Type=Digit as well as decimal digits: superscripts, circled
    // digits and the like, all of category No. Java has no accessor for Numeric_Type, and
    // Character.getNumericValue() also gives 0..9 for fractions and other No characters that Python
    // refuses. Unicode assigns no new Numeric_Type=Digit characters (new digits are decimal), so the
    // list is closed. Inclusive ranges, first and last code point.
    private static final int[][] NON_DECIMAL_DIGITS = {
        {0x00B2, 0x00B3}, {0x00B9, 0x00B9}, {0x1369, 0x1371}, {0x19DA, 0x19DA}, {0x2070, 0x2070},
        {0x2074, 0x2079}, {0x2080, 0x2089}, {0x2460, 0x2468}, {0x2474, 0x247C}, {0x2488, 0x2490},
        {0x24EA, 0x24EA}, {0x24F5, 0x24FD}, {0x24FF, 0x24FF}, {0x2776, 0x277E}, {0x2780, 0x2788},
        {0x278A, 0x2792}, {0x10A40, 0x10A43}, {0x10E60, 0x10E68}, {0x11052, 0x1105A}, {0x1F100, 0x1F10A},
    };

    private PythonStrings() {}

    /** {@code s.isdigit()}: non-empty and every code point a digit. */
    static boolean isDigit(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(PythonStrings::isDigit);
    }

    private static boolean isDigit(int codePoint) {
        if (Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER) {
            return true;
        }
        for (int[] range : NON_DECIMAL_DIGITS) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** {@code s.strip()}: Python also strips U+0085 and the no-break spaces, which Java's strip() keeps. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint)
                || codePoint == 0x0085
                || codePoint == 0x00A0
                || codePoint == 0x2007
                || codePoint == 0x202F;
    }

    /**
     * {@code re.split(r'\W+', s)}, empty strings at either end included as Python gives them. Python's
     * {@code \w} is letters, numbers and '_'; Java's Unicode {@code \w} also takes combining marks and
     * connector punctuation, so it cannot stand in.
     */
    static List<String> splitOnNonWord(String s) {
        List<String> parts = new ArrayList<>();
        int partStart = 0;
        int i = 0;
        while (i < s.length()) {
            int codePoint = s.codePointAt(i);
            if (isWordCharacter(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            parts.add(s.substring(partStart, i));
            while (i < s.length() && !isWordCharacter(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            partStart = i;
        }
        parts.add(s.substring(partStart));
        return parts;
    }

    private static boolean isWordCharacter(int codePoint) {
        if (codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
