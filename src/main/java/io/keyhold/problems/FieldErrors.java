package io.keyhold.problems;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects per-field messages while a request body is read, so one answer lists every problem
 * at once, the way DRF serializers do.
 */
public final class FieldErrors {

    /** DRF's words for a field the request must carry and did not. */
    public static final String REQUIRED = "This field is required.";

    /** DRF's words for a field sent as null where a value is needed. */
    public static final String NOT_NULL = "This field may not be null.";

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    /** Goes on collecting after the problems a reader found ({@link #asMap()}), for checks made later. */
    public static FieldErrors continuing(Map<String, List<String>> found) {
        var errors = new FieldErrors();
        found.forEach(errors::addAll);
        return errors;
    }

    public void add(String field, String message) {
        byField.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
    }

    public void addAll(String field, List<String> messages) {
        messages.forEach(message -> add(field, message));
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public List<String> messages(String field) {
        return byField.getOrDefault(field, List.of());
    }

    /** Throws a 400 naming the first problem, if any was collected. */
    public void throwIfAny() {
        if (!byField.isEmpty()) {
            var first = byField.entrySet().iterator().next();
            throw new ValidationFailed(first.getKey() + ": " + first.getValue().get(0), this);
        }
    }

    /** Throws a 400 with the given summary, if any problem was collected. */
    public void throwIfAny(String summary) {
        if (!byField.isEmpty()) {
            throw new ValidationFailed(summary, this);
        }
    }

    /** The problems by field, in the order they were found; a copy that cannot be changed. */
    public Map<String, List<String>> asMap() {
        var copy = new LinkedHashMap<String, List<String>>();
        byField.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        return Collections.unmodifiableMap(copy);
    }
}
