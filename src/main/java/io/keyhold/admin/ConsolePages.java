package io.keyhold.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders the refusal page where no controller runs: inside the security filters. */
@Component
class ConsolePages {

    static final String REFUSAL = "admin/refused";

    private final ITemplateEngine templates;

    ConsolePages(ITemplateEngine templates) {
        this.templates = templates;
    }

    void renderRefusal(HttpServletResponse response, HttpStatus status, String title, String message)
            throws IOException {
        var context = new Context(Locale.ENGLISH);
        context.setVariable("title", title);
        context.setVariable("message", message);
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        templates.process(REFUSAL, context, response.getWriter());
    }
}
