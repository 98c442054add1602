package io.keyhold.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** One page of a list, in DRF's shape; {@code next} and {@code previous} are absolute links. */
@JsonPropertyOrder({"count", "next", "previous", "results"})
public record Page<T>(long count, String next, String previous, List<T> results) {

    /**
     * @throws NotFound when the page lies past the end, as DRF answers it (page 1 always exists)
     */
    public static <T> Page<T> of(List<T> results, long count, PageRequest request, HttpServletRequest http) {
        long lastPage = request.within(count).lastPage(count);
        String next = request.page() < lastPage ? link(http, request.page() + 1) : null;
        String previous = request.page() > 1 ? link(http, request.page() - 1) : null;
        return new Page<>(count, next, previous, results);
    }

    private static String link(HttpServletRequest http, int page) {
        UriComponentsBuilder builder = ServletUriComponentsBuilder.fromRequest(http);
        String path = http.getRequestURI();
        builder.replacePath(path.endsWith("/") ? path : path + "/");
        // DRF drops the parameter for the first page rather than writing page=1.
        return (page == 1 ? builder.replaceQueryParam("page") : builder.replaceQueryParam("page", page))
                .build()
                .toUriString();
    }
}
