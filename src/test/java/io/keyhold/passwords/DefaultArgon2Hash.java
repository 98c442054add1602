package io.keyhold.passwords;

import java.io.IOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The Argon2id cost Keyhold writes new hashes at, read the way the application reads it
 * ({@code application.yaml}, then the record's defaults, overridden by system properties and
 * environment variables such as {@code KEYHOLD_PASSWORDS_ARGON2_MEMORY_KIB}). Its {@code main}
 * prints a hash of one password at that cost, for {@code bench/login-bound.sh} to seed users with.
 */
public final class DefaultArgon2Hash {

    private DefaultArgon2Hash() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DefaultArgon2Hash PASSWORD");
            System.exit(2);
        }
        System.out.println(new Argon2Hasher(cost()).encode(args[0]));
    }

    static PasswordProperties.Argon2 cost() throws IOException {
        var environment = new StandardEnvironment();
        // Added last: below system properties and environment variables, as in the application.
        new YamlPropertySourceLoader()
                .load("application.yaml", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment)
                .bindOrCreate("keyhold.passwords", PasswordProperties.class)
                .argon2();
    }
}
