package io.keyhold.users;

import io.keyhold.problems.NotFound;

/** User ids taken from a path: anything that is not a positive number names no user. */
public final class UserIds {

    private UserIds() {}

    public static long parse(String id, String notFoundMessage) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the 404
        }
        throw new NotFound(notFoundMessage);
    }
}
