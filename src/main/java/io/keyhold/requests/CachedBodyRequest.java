package io.keyhold.requests;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.util.MultiValueMap;

/**
 * A request whose body has already been read into memory, with its form fields parsed from it.
 * Request parameters are the query's fields followed by the form's, both read by Keyhold's own
 * parsers ({@link FormBody}, {@link MultipartBody}): the container can no longer read a consumed
 * body, and its query parser throws where Keyhold's has already refused the request.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final MultiValueMap<String, String> form;
    private Map<String, String[]> parameters;

    CachedBodyRequest(HttpServletRequest request, byte[] body, MultiValueMap<String, String> form) {
        super(request);
        this.body = body;
        this.form = form;
    }

    byte[] body() {
        return body;
    }

    /** The form fields of the body; empty when it is not a form. */
    MultiValueMap<String, String> form() {
        return form;
    }

    @Override
    public ServletInputStream getInputStream() {
        var in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("The body was read synchronously already");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            parameters = mergeQueryAndForm();
        }
        return parameters;
    }

    private Map<String, String[]> mergeQueryAndForm() {
        Map<String, String[]> merged = new LinkedHashMap<>();
        BiConsumer<String, List<String>> add =
                (name, values) -> merged.merge(name, values.toArray(String[]::new), CachedBodyRequest::concat);
        String query = getQueryString();
        if (query != null) {
            // QueryStringFilter has refused a malformed query before any request got this far.
            FormBody.parseQuery(query).forEach(add);
        }
        form.forEach(add);
        return Collections.unmodifiableMap(merged);
    }

    private static String[] concat(String[] first, String[] second) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
    }
}
