package io.keyhold.mail;

import io.keyhold.web.PublicUrlProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** The links mailed to users, from the configured templates. */
@Component
class Links {

    private final MailProperties mail;
    private final PublicUrlProperties publicUrl;

    Links(MailProperties mail, PublicUrlProperties publicUrl) {
        this.mail = mail;
        this.publicUrl = publicUrl;
    }

    String reset(String token) {
        return fill(mail.resetUrl(), token);
    }

    String verify(String token) {
        return fill(mail.verifyUrl(), token);
    }

    private String fill(String template, String token) {
        return template.replace("{public-url}", publicUrl.withoutTrailingSlash())
                .replace("{token}", URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
