package io.keyhold;

import io.keyhold.cli.KeyholdCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Keyhold: {@code java -jar keyhold.jar} serves; {@code java -jar keyhold.jar <command> …} runs
 * one of the management commands (createsuperuser, …) and exits.
 */
// Boot's in-memory user with a generated password would be a default credential: never.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class KeyholdApplication {

    public static void main(String[] args) {
        if (KeyholdCommandLine.isCommand(args)) {
            System.exit(KeyholdCommandLine.run(KeyholdApplication.class, args));
        }
        SpringApplication.run(KeyholdApplication.class, args);
    }
}
