package dev.switchboard.chatwoot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One change Switchboard makes in a Chatwoot conversation. Written with {@link ChatwootActions#enqueue}
 * in the transaction that decided it, carried out later by the action workers.
 */
public sealed interface ChatwootAction {

    /** The stored kind; also what the pages and the API call it. */
    String kind();

    /** What is stored to carry it out. */
    Map<String, Object> payload();

    /** Labels merged into the ones the conversation has: never one removed, even one a person added a moment ago. */
    record AddLabels(List<String> labels) implements ChatwootAction {
        public AddLabels {
            labels = labels.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).distinct().toList();
            if (labels.isEmpty() || labels.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("labels must be non-empty: " + labels);
            }
        }

        public String kind() {
            return "ADD_LABELS";
        }

        public Map<String, Object> payload() {
            return Map.of("labels", labels);
        }
    }

    /** A private note: seen by the team in Chatwoot, never by the customer. */
    record PostNote(String content) implements ChatwootAction {
        public PostNote {
            Objects.requireNonNull(content);
        }

        public String kind() {
            return "NOTE";
        }

        public Map<String, Object> payload() {
            return Map.of("content", content);
        }
    }

    /** A public reply to the customer. */
    record PostReply(String content) implements ChatwootAction {
        public PostReply {
            Objects.requireNonNull(content);
        }

        public String kind() {
            return "REPLY";
        }

        public Map<String, Object> payload() {
            return Map.of("content", content);
        }
    }

    /** The conversation's priority, raised to this one; a conversation already at it or above is left alone. */
    record RaisePriority(ChatwootPriority priority) implements ChatwootAction {
        public RaisePriority {
            Objects.requireNonNull(priority);
        }

        public String kind() {
            return "RAISE_PRIORITY";
        }

        public Map<String, Object> payload() {
            return Map.of("priority", priority.wire());
        }
    }

    /** Chatwoot's status: open, pending, snoozed or resolved. */
    record ChangeStatus(String status) implements ChatwootAction {
        private static final List<String> STATUSES = List.of("open", "pending", "snoozed", "resolved");

        public ChangeStatus {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("not a Chatwoot status: " + status);
            }
        }

        public String kind() {
            return "STATUS";
        }

        public Map<String, Object> payload() {
            return Map.of("status", status);
        }
    }

    /** Assignment to an agent, a team, or both (Chatwoot ids). */
    record Assign(Long agentId, Long teamId) implements ChatwootAction {
        public Assign {
            if (agentId == null && teamId == null) {
                throw new IllegalArgumentException("an assignment needs an agent or a team");
            }
        }

        public String kind() {
            return "ASSIGN";
        }

        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            if (agentId != null) {
                payload.put("agentId", agentId);
            }
            if (teamId != null) {
                payload.put("teamId", teamId);
            }
            return payload;
        }
    }
}
