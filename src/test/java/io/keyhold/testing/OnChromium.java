package io.keyhold.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs a test class in Debian's headless Chromium. Without {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver} the class is skipped with a message, unless {@code CI=true}: then it runs
 * and fails loudly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("browser")
@Installed(
        value = {"/usr/bin/chromium", "/usr/bin/chromedriver"},
        by = "apt-get install -y chromium chromium-driver")
public @interface OnChromium {}
