package io.keyhold.users;

import io.keyhold.web.NotFound;

/** User ids taken from a path. The mappings admit digits only; a number too large names no user. */
public final class UserIds {

    private UserIds() {}

    public static long parse(String id, String notFoundMessage) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException tooLarge) {
            throw new NotFound(notFoundMessage);
        }
    }
}
