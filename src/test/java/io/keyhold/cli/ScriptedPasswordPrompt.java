package io.keyhold.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Answers password prompts from a script, the way a person at a terminal would type them. */
@TestConfiguration(proxyBeanMethods = false)
class ScriptedPasswordPrompt implements PasswordPrompt {

    final Deque<String> answers = new ArrayDeque<>();
    volatile boolean asked;

    @Bean
    @Primary
    ScriptedPasswordPrompt scriptedPasswordPrompt() {
        return this;
    }

    void reset() {
        answers.clear();
        asked = false;
    }

    @Override
    public String read(String prompt) {
        asked = true;
        return answers.poll();
    }
}
