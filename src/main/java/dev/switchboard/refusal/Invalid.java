package dev.switchboard.refusal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What was sent breaks a rule: every wrong field with its reason, so a form can show them all at once. */
public final class Invalid extends Refusal {

    private final List<FieldProblem> errors;

    public Invalid(List<FieldProblem> errors) {
        this(errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are not valid.", errors);
    }

    /** @param detail the whole story in one sentence, where the fields alone would not tell it */
    public Invalid(String detail, List<FieldProblem> errors) {
        super("invalid-input", detail);
        this.errors = List.copyOf(errors);
    }

    public static Invalid field(String field, String message) {
        return new Invalid(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Each wrong field with its reasons joined, for a form that shows them beside the fields. */
    public Map<String, String> fieldErrors() {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return byField;
    }

    /** One field's problem, in words for the person who filled it in. */
    public record FieldProblem(String field, String message) {
    }
}
