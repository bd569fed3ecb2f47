package dev.switchboard.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Checks a page's form with the same Bean Validation rules as the API record it fills, so the pages
 * and the API accept exactly the same input; the answer is each wrong field with its reason, for the
 * page to show beside the field.
 */
@Component
public class FormChecks {

    private final Validator validator;

    FormChecks(Validator validator) {
        this.validator = validator;
    }

    /** @return field name to reason; empty when the form is valid */
    public Map<String, String> problems(Object form) {
        Map<String, String> problems = new LinkedHashMap<>();
        validator.validate(form).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .forEach(v -> problems.merge(v.getPropertyPath().toString(), v.getMessage(), (a, b) -> a + "; " + b));
        return problems;
    }
}
