package io.keyhold.requests;

import io.keyhold.problems.FieldErrors;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a JSON object or form body, read the way DRF serializers read them: strings
 * accept numbers, booleans accept DRF's spellings, and each problem is collected under its field
 * instead of failing the whole request with a 500 ({@code request.POST['email']} in the seed).
 *
 * <p>Controllers receive it as a handler argument; {@link RequestFieldsResolver} builds it.
 */
public final class RequestFields {

    static final String NOT_A_STRING = "Not a valid string.";
    static final String NOT_A_BOOLEAN = "Must be a valid boolean.";
    static final String NULL_CHARACTERS = "Null characters are not allowed.";
    static final String NOT_AN_OBJECT = "Must be a JSON object.";
    static final String NOT_A_LIST = "Expected a list of items but got type \"%s\".";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<Object> TRUE_VALUES = Set.of(
            "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1", 1, Boolean.TRUE);
    private static final Set<Object> FALSE_VALUES = Set.of(
            "f",
            "F",
            "n",
            "N",
            "no",
            "No",
            "NO",
            "false",
            "False",
            "FALSE",
            "off",
            "Off",
            "OFF",
            "0",
            0,
            Boolean.FALSE);

    private final Map<String, Object> values;
    /** Every value of each field of a form, where a field may be repeated to send a list. */
    private final Map<String, List<String>> formLists;

    /** Every text {@link #flag} reads as true or false: what a form can send. */
    public static List<String> flagSpellings() {
        return Stream.concat(TRUE_VALUES.stream(), FALSE_VALUES.stream())
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .sorted()
                .toList();
    }

    RequestFields(Map<String, Object> values) {
        this(values, Map.of());
    }

    RequestFields(Map<String, Object> values, Map<String, List<String>> formLists) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.formLists = Map.copyOf(formLists);
    }

    public static RequestFields of(Map<String, Object> values) {
        return new RequestFields(values);
    }

    public boolean contains(String field) {
        return values.containsKey(field);
    }

    /**
     * The field as text, or null when absent or JSON null (tell them apart with {@link #contains}).
     * Numbers are accepted as their decimal text; anything else adds a field error and yields null.
     */
    public String text(String field, FieldErrors errors) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        String text = asText(value);
        if (text == null) {
            errors.add(field, NOT_A_STRING);
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            errors.add(field, NULL_CHARACTERS);
            return null;
        }
        return text;
    }

    /**
     * A text the request must carry, as the seed's function views check theirs: absent or JSON null
     * adds {@link FieldErrors#REQUIRED}. An empty text is returned for the caller to judge.
     */
    public String requiredText(String field, FieldErrors errors) {
        String value = text(field, errors);
        if (value == null && !errors.has(field)) {
            errors.add(field, FieldErrors.REQUIRED);
        }
        return value;
    }

    /**
     * A token or code the request must carry: an empty one names nothing, so it gets {@link FieldErrors#REQUIRED}
     * too, as an absent one does.
     */
    public String requiredNonEmptyText(String field, FieldErrors errors) {
        String value = text(field, errors);
        if ((value == null || value.isEmpty()) && !errors.has(field)) {
            errors.add(field, FieldErrors.REQUIRED);
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * A JSON object the request must carry, as JSON text (a WebAuthn credential): a JSON body
     * nests the object, a form sends its text. Anything else adds a field error and yields null.
     */
    public String requiredJsonObject(String field, FieldErrors errors) {
        Object value = values.get(field);
        if (value instanceof Map<?, ?> object) {
            return JSON.writeValueAsString(object);
        }
        if (value instanceof String text && text.strip().startsWith("{")) {
            return text;
        }
        errors.add(field, value == null ? FieldErrors.REQUIRED : NOT_AN_OBJECT);
        return null;
    }

    /**
     * A list of texts, or null when absent or JSON null: a JSON array of strings, or a form field
     * repeated once per item ({@code events=a&events=b}), as DRF's {@code ListField} reads them.
     * Anything else adds a field error and yields null.
     */
    public List<String> textList(String field, FieldErrors errors) {
        if (formLists.containsKey(field)) {
            List<String> items = formLists.get(field);
            if (items.stream().anyMatch(item -> item.indexOf('\0') >= 0)) {
                errors.add(field, NULL_CHARACTERS);
                return null;
            }
            return items;
        }
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(field, NOT_A_LIST.formatted(RequestFieldsResolver.jsonType(value)));
            return null;
        }
        if (!list.stream().allMatch(String.class::isInstance)) {
            errors.add(field, NOT_A_STRING);
            return null;
        }
        List<String> items = list.stream().map(String.class::cast).toList();
        if (items.stream().anyMatch(item -> item.indexOf('\0') >= 0)) {
            errors.add(field, NULL_CHARACTERS);
            return null;
        }
        return items;
    }

    /** The field as a boolean, or null when absent; JSON null and unknown spellings add a field error. */
    public Boolean flag(String field, FieldErrors errors) {
        if (!values.containsKey(field)) {
            return null;
        }
        Object value = values.get(field);
        if (value == null) {
            errors.add(field, FieldErrors.NOT_NULL);
            return null;
        }
        Object key = value instanceof Number number ? integralOrSelf(number) : value;
        if (TRUE_VALUES.contains(key)) {
            return true;
        }
        if (FALSE_VALUES.contains(key)) {
            return false;
        }
        errors.add(field, NOT_A_BOOLEAN);
        return null;
    }

    private static Object integralOrSelf(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof BigInteger) {
            BigInteger whole = new BigInteger(number.toString());
            return whole.bitLength() < 32 ? whole.intValue() : number;
        }
        return number;
    }

    private static String asText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            return null; // 1e99999 overflows to Infinity: not a text anybody meant
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String single) {
            return single;
        }
        return null;
    }
}
