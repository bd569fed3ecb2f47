package dev.switchboard.draft;

/**
 * What a person decides about a draft.
 *
 * @param text         the reply as edited (EDIT only)
 * @param reason       why it is rejected (REJECT only)
 * @param confirmStale the person saw that the customer wrote again since, and decides anyway
 */
public record Decision(Kind kind, String text, RejectReason reason, String comment, Draft.Grades grades, Boolean confirmStale) {

    public Decision {
        grades = grades == null ? Draft.Grades.NONE : grades;
        confirmStale = Boolean.TRUE.equals(confirmStale);
    }

    public boolean confirmsStale() {
        return confirmStale;
    }

    public static Decision approve() {
        return new Decision(Kind.APPROVE, null, null, null, Draft.Grades.NONE, false);
    }

    public enum Kind {
        /** send it as written */
        APPROVE,
        /** send it as rewritten */
        EDIT,
        /** never send it */
        REJECT
    }
}
