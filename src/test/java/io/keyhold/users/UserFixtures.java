package io.keyhold.users;

import org.springframework.stereotype.Component;

/**
 * Test fixtures' way into the users table, which no other feature may touch: accounts inserted with a
 * hash computed once per run, so fixtures need not pay Argon2 for each.
 */
@Component
public class UserFixtures {

    private final UserRepository users;

    UserFixtures(UserRepository users) {
        this.users = users;
    }

    public User insert(User user) {
        return users.insert(user);
    }
}
