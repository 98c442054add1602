package io.keyhold.users;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A change to a field the user may empty: left out (the stored value stays), or sent, in which
 * case null clears it. Fields that cannot be emptied need no such type: for them null means "left
 * out".
 */
@NullMarked
public record Change<T>(boolean sent, @Nullable T value) {

    private static final Change<?> KEEP = new Change<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    public static <T> Change<T> to(@Nullable T value) {
        return new Change<>(true, value);
    }

    /** The value after the change: the one sent, or {@code current} if none was. */
    public @Nullable T orElse(@Nullable T current) {
        return sent ? value : current;
    }
}
