package dev.switchboard.sla;

import java.util.Collection;
import java.util.List;

/**
 * The port a feature with clocked subjects fills: the conversation module for conversations, the thread module for
 * threads. The clocks read the facts through it whenever the owner says a subject changed and when a new policy
 * version recomputes open clocks, so the owner's own history is the only one.
 */
public interface SlaSubjects {

    SubjectKind kind();

    /** The facts of the subjects with those keys that exist, in one or two queries, in the caller's transaction. */
    List<SubjectFacts> facts(Collection<String> keys);
}
