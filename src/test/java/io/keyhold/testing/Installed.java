package io.keyhold.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where the programs it drives are installed (Debian's Chromium, nginx,
 * Django…). Without them the class is skipped with the line that installs them, unless {@code
 * CI=true}: then it runs and fails loudly, since {@code .ci/run} installs them first.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ProgramsInstalled.class)
public @interface Installed {

    /** Absolute paths of the executables or files the suite needs. */
    String[] value();

    /** The command that installs them, for the skip message. */
    String by();
}
