package io.keyhold.docs;

import io.keyhold.network.ClientInfo;
import io.keyhold.requests.RequestFields;
import io.keyhold.users.Caller;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the JSON API ({@code /v3/api-docs}, shown by Swagger UI at {@code
 * /docs}). Which paths it covers and where it is served are in {@code application.yaml}; each
 * operation is described by the annotations on its handler and the shapes by those on the records
 * it reads and answers; {@link ApiConventions} adds what all operations share.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiDocsConfig {

    static {
        // Keyhold's own argument resolvers supply these; springdoc would list them as query parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, RequestFields.class, ClientInfo.class);
    }

    /** The server is the public URL: springdoc would otherwise write the first request's Host header into it. */
    @Bean
    OpenAPI keyholdOpenApi(PublicUrlProperties publicUrl) {
        String version = ApiDocsConfig.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Keyhold API")
                        .version(version == null ? "development" : version)
                        .description("User accounts and token authentication. Bodies are JSON, "
                                + "`application/x-www-form-urlencoded` or `multipart/form-data` (fields only); every path answers with and without its "
                                + "trailing slash; errors are RFC 9457 problem details that also carry an `error` "
                                + "text and, for invalid input, `errors` by field. Log in with `POST "
                                + "/api/users/login/` and send the token as `Authorization: Bearer <token>`."))
                .servers(List.of(new Server().url(publicUrl.withoutTrailingSlash())))
                .tags(List.of(
                        new Tag().name("Users").description("Signup, profiles, and user administration by staff."),
                        new Tag()
                                .name("Login and sessions")
                                .description("Tokens: log in, log out, see and end sessions."),
                        new Tag()
                                .name("Passwords and email")
                                .description("Password changes and resets, address verification."),
                        new Tag().name("Audit").description("The audit trail, for staff.")));
    }

    @Bean
    OpenApiCustomizer keyholdConventions() {
        return ApiConventions::apply;
    }
}
