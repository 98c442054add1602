package io.keyhold.requests;

import io.keyhold.problems.BadRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.util.WebUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JSON or form body (urlencoded or multipart) into {@link RequestFields}; any other media
 * type is a 415. Form fields come as {@link BodyLimitFilter} parsed them.
 */
public final class RequestFieldsResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper jsonMapper;

    public RequestFieldsResolver(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestFields.class;
    }

    @Override
    public RequestFields resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        byte[] body = cached == null ? new byte[0] : cached.body();
        String contentType = request.getContentType();
        if (FormFields.isForm(contentType)) {
            return cached == null
                    ? new RequestFields(Map.of())
                    : new RequestFields(lastValues(cached.form()), cached.form());
        }
        if (contentType == null || contentType.isBlank()) {
            if (body.length == 0) {
                return new RequestFields(Map.of());
            }
            throw new UnsupportedMediaType("none");
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException unreadable) {
            throw new UnsupportedMediaType("unreadable");
        }
        if (MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)) {
            return new RequestFields(parseJson(body));
        }
        throw new UnsupportedMediaType(mediaType.getType() + "/" + mediaType.getSubtype());
    }

    private Map<String, Object> parseJson(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = jsonMapper.readValue(body, Object.class);
        } catch (JacksonException malformed) {
            throw new BadRequest("JSON parse error: the body is not valid JSON.");
        }
        if (parsed instanceof Map<?, ?> object) {
            var fields = new LinkedHashMap<String, Object>();
            object.forEach((name, value) -> fields.put(String.valueOf(name), value));
            return fields;
        }
        throw new BadRequest("Invalid data. Expected a dictionary, but got " + jsonType(parsed) + ".");
    }

    /** A repeated form field keeps its last value, as Django's QueryDict does. */
    private static Map<String, Object> lastValues(MultiValueMap<String, String> form) {
        var fields = new LinkedHashMap<String, Object>();
        form.forEach((name, values) -> fields.put(name, values.get(values.size() - 1)));
        return fields;
    }

    /** A JSON value's type as Python names it, for DRF's messages. */
    static String jsonType(Object parsed) {
        if (parsed == null) {
            return "null";
        }
        if (parsed instanceof List<?>) {
            return "list";
        }
        if (parsed instanceof String) {
            return "str";
        }
        if (parsed instanceof Boolean) {
            return "bool";
        }
        return parsed instanceof Number number && !(number instanceof Double || number instanceof Float)
                ? "int"
                : "float";
    }
}
