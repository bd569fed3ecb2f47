package dev.switchboard.draft;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.refusal.Invalid;

/**
 * What a decision must carry. In Switchboard, an edit or a rejection needs all three grades (the agent learns most
 * from them), and a rejection its reason; approving as is needs none. A decision made in Chatwoot ({@code /approve},
 * {@code /reject}) has no form for grades, so there they are never required.
 */
final class DecisionRules {

    static final int MAX_COMMENT = 2_000;

    private DecisionRules() {
    }

    static void check(Decision decision, DecidedVia via) {
        List<Invalid.FieldProblem> problems = new ArrayList<>();
        if (decision.kind() == null) {
            throw Invalid.field("decision", "must be APPROVE, EDIT or REJECT");
        }
        if (decision.kind() == Decision.Kind.EDIT) {
            if (decision.text() == null || decision.text().isBlank()) {
                problems.add(new Invalid.FieldProblem("text", "is required to send an edited reply"));
            } else if (decision.text().length() > ProposalRules.MAX_TEXT) {
                problems.add(new Invalid.FieldProblem("text", "has " + decision.text().length() + " characters; at most "
                        + ProposalRules.MAX_TEXT));
            }
        }
        if (decision.kind() == Decision.Kind.REJECT && decision.reason() == null) {
            problems.add(new Invalid.FieldProblem("reason", "is required to reject: WRONG_FACTS, WRONG_TONE, POLICY, NOT_NEEDED or OTHER"));
        }
        if (decision.kind() == Decision.Kind.REJECT && decision.reason() == RejectReason.OTHER && via == DecidedVia.SWITCHBOARD
                && (decision.comment() == null || decision.comment().isBlank())) {
            problems.add(new Invalid.FieldProblem("comment", "is required when the reason is OTHER: say what was wrong"));
        }
        Draft.Grades grades = decision.grades();
        grade(problems, "tone", grades.tone());
        grade(problems, "accuracy", grades.accuracy());
        grade(problems, "policy", grades.policy());
        if (via == DecidedVia.SWITCHBOARD && decision.kind() != Decision.Kind.APPROVE && !grades.complete()) {
            problems.add(new Invalid.FieldProblem("grades", "tone, accuracy and policy (1 to 5) are required to "
                    + (decision.kind() == Decision.Kind.EDIT ? "send an edited reply" : "reject")));
        }
        if (decision.comment() != null && decision.comment().length() > MAX_COMMENT) {
            problems.add(new Invalid.FieldProblem("comment", "has " + decision.comment().length() + " characters; at most " + MAX_COMMENT));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
    }

    private static void grade(List<Invalid.FieldProblem> problems, String name, Integer value) {
        if (value != null && (value < 1 || value > 5)) {
            problems.add(new Invalid.FieldProblem("grades." + name, "must be 1 to 5"));
        }
    }
}
