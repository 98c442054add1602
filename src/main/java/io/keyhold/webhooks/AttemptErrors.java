package io.keyhold.webhooks;

/**
 * Error text as {@code webhook_attempts.error} stores it: what a receiver or the network said can
 * carry anything, so control characters become spaces (no forged lines in the deliveries page or a
 * log), and it is cut to the column's width without splitting a surrogate pair.
 */
final class AttemptErrors {

    /** The width of {@code webhook_attempts.error}. */
    static final int MAX_LENGTH = 500;

    private AttemptErrors() {}

    static String fit(String error) {
        StringBuilder fitted = new StringBuilder(Math.min(error.length(), MAX_LENGTH));
        for (int i = 0; i < error.length() && fitted.length() < MAX_LENGTH; ) {
            int codePoint = error.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (fitted.length() + width > MAX_LENGTH) {
                break;
            }
            if (Character.isISOControl(codePoint)) {
                fitted.append(' ');
            } else {
                fitted.appendCodePoint(codePoint);
            }
            i += width;
        }
        return fitted.toString();
    }
}
