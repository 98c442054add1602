package io.keyhold.users;

import io.keyhold.problems.NotFound;
import java.util.regex.Pattern;

/** User ids taken from a path: anything that is not a positive number names no user. */
public final class UserIds {

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,17}");

    private UserIds() {}

    /**
     * Only the canonical spelling, {@code [1-9][0-9]*}: {@link Long#parseLong} would also take
     * {@code +1}, {@code 01} and other scripts' digits ({@code ٦}), so a proxy rule written for one
     * id could be walked around with another spelling of it.
     */
    public static long parse(String id, String notFoundMessage) {
        if (id != null && CANONICAL.matcher(id).matches()) {
            return Long.parseLong(id);
        }
        throw new NotFound(notFoundMessage);
    }
}
