package io.keyhold.problems;

import io.keyhold.text.PlainText;
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

    /**
     * A required one-line name, such as an API client's or a passkey's, stripped: refused, as DRF's
     * {@code CharField} refuses it, when missing, blank or longer than {@code maxLength}, and when it
     * holds a control or invisible character (a bidi override would make the name say something else
     * on the console).
     */
    public static String requiredName(String field, String value, int maxLength) {
        var errors = new FieldErrors();
        String trimmed = value == null ? "" : value.strip();
        if (value == null) {
            errors.add(field, REQUIRED);
        } else if (trimmed.isEmpty()) {
            errors.add(field, "This field may not be blank.");
        } else if (trimmed.length() > maxLength) {
            errors.add(field, "Ensure this field has no more than " + maxLength + " characters.");
        } else if (PlainText.hasHiddenCharacters(trimmed)) {
            errors.add(field, PlainText.HIDDEN_CHARACTERS);
        }
        errors.throwIfAny();
        return trimmed;
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
