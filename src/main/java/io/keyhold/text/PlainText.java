package io.keyhold.text;

/**
 * Characters that change what a reader sees without being seen themselves: controls (CR, LF, ESC,
 * NUL…, Unicode category Cc), format characters (zero-width spaces, bidi overrides, soft hyphens,
 * the BOM…, Cf) and the Unicode line and paragraph separators (Zl, Zp). User text that holds one
 * can forge a log line, add a line to a mail, or make two addresses that look the same. Fields
 * refuse them ({@link #hasHiddenCharacters}); text stored before that rule is made harmless where
 * it leaves Keyhold ({@link #forLog}, {@link #forDisplay}).
 */
public final class PlainText {

    /** The field message for text that holds one. */
    public static final String HIDDEN_CHARACTERS = "Control and invisible characters are not allowed.";

    private PlainText() {}

    public static boolean hasHiddenCharacters(String text) {
        return text.codePoints().anyMatch(PlainText::isHidden);
    }

    /**
     * The value as one log line: every hidden character written out as an escape ({@code \n},
     * {@code \r}, {@code \t}, {@code \u001b}, {@code \u200b}…), so user text can neither start a
     * line of its own nor send a terminal escape. Null stays {@code null}.
     */
    public static String forLog(Object value) {
        String text = String.valueOf(value);
        if (!hasHiddenCharacters(text)) {
            return text;
        }
        var escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(codePoint -> {
            if (!isHidden(codePoint)) {
                escaped.appendCodePoint(codePoint);
            } else if (codePoint == '\n') {
                escaped.append("\\n");
            } else if (codePoint == '\r') {
                escaped.append("\\r");
            } else if (codePoint == '\t') {
                escaped.append("\\t");
            } else if (Character.isBmpCodePoint(codePoint)) {
                escaped.append(String.format("\\u%04x", codePoint));
            } else {
                escaped.append(String.format("\\U%08x", codePoint));
            }
        });
        return escaped.toString();
    }

    /**
     * The text for a human reader (a mail): each hidden character becomes U+FFFD, the replacement
     * character, so nothing is silently dropped and no line or direction change gets through.
     */
    public static String forDisplay(String text) {
        if (!hasHiddenCharacters(text)) {
            return text;
        }
        var shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> shown.appendCodePoint(isHidden(codePoint) ? '\uFFFD' : codePoint));
        return shown.toString();
    }

    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            // A lone surrogate is half a character: no database stores it as sent (PostgreSQL writes "?").
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
