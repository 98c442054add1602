package io.keyhold.problems;

/** 400: the request was understood but its fields are not acceptable. */
public class ValidationFailed extends Refusal {

    public ValidationFailed(String error, FieldErrors errors) {
        super(Kind.INVALID, error, errors.asMap());
    }

    public static ValidationFailed of(String field, String message) {
        var errors = new FieldErrors();
        errors.add(field, message);
        return new ValidationFailed(field + ": " + message, errors);
    }
}
