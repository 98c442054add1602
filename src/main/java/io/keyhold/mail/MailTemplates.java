package io.keyhold.mail;

import io.keyhold.text.PlainText;
import io.keyhold.users.EmailAddress;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Renders each mail twice from its templates: {@code mail/NAME.txt} as text and {@code
 * mail/NAME.html}. User text (a name stored before control characters were refused, say) is shown
 * with its hidden characters replaced, so it cannot add a line to a mail; the recipient gets the
 * ASCII form of a Unicode domain, which every SMTP server takes.
 */
@Component
class MailTemplates {

    private final ITemplateEngine templates;

    MailTemplates(ITemplateEngine templates) {
        this.templates = templates;
    }

    Mail render(String name, String to, String subject, Map<String, Object> variables) {
        var context = new Context();
        variables.forEach((variable, value) ->
                context.setVariable(variable, value instanceof String text ? PlainText.forDisplay(text) : value));
        context.setVariable("subject", subject);
        return new Mail(
                EmailAddress.asciiFormOf(to),
                subject,
                templates.process("mail/" + name + ".txt", context),
                templates.process("mail/" + name, context));
    }

    /** Boot's resolver reads HTML; plain-text mail bodies need one of their own. */
    @Configuration(proxyBeanMethods = false)
    static class TextTemplates {

        @Bean
        ITemplateResolver mailTextTemplateResolver() {
            var resolver = new ClassLoaderTemplateResolver();
            resolver.setPrefix("templates/");
            resolver.setResolvablePatterns(java.util.Set.of("mail/*.txt"));
            resolver.setTemplateMode(TemplateMode.TEXT);
            resolver.setCharacterEncoding("UTF-8");
            resolver.setOrder(0);
            resolver.setCheckExistence(true);
            return resolver;
        }
    }
}
