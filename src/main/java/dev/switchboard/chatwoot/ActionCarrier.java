package dev.switchboard.chatwoot;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Carries out one action against Chatwoot's API and says, in a few words, what it did. */
final class ActionCarrier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ActionCarrier() {
    }

    static String carryOut(ChatwootApi api, ActionRepository.Claimed action) throws ChatwootApi.CallFailed {
        JsonNode payload = JSON.readTree(action.payload());
        long account = action.accountId();
        long conversation = action.conversationId();
        switch (action.kind()) {
            case "ADD_LABELS" -> {
                List<String> current = api.labels(account, conversation);
                List<String> merged = new ArrayList<>(current);
                List<String> added = new ArrayList<>();
                for (JsonNode label : payload.path("labels")) {
                    if (!merged.contains(label.asString())) {
                        merged.add(label.asString());
                        added.add(label.asString());
                    }
                }
                if (added.isEmpty()) {
                    return "labels already there";
                }
                // Chatwoot replaces the whole list: what was read a moment ago goes back with ours added
                api.replaceLabels(account, conversation, merged);
                return "added " + String.join(", ", added);
            }
            case "NOTE" -> {
                return postOnce(api, action, payload.path("content").asString(), true);
            }
            case "REPLY" -> {
                return postOnce(api, action, payload.path("content").asString(), false);
            }
            case "RAISE_PRIORITY" -> {
                ChatwootPriority wanted = ChatwootPriority.of(payload.path("priority").asString()).orElseThrow();
                JsonNode current = api.conversation(account, conversation).path("priority");
                var now = ChatwootPriority.of(current.isString() ? current.asString() : null);
                if (now.isPresent() && now.get().compareTo(wanted) >= 0) {
                    return "priority already " + now.get().wire();
                }
                api.togglePriority(account, conversation, wanted.wire());
                return "priority " + now.map(ChatwootPriority::wire).orElse("none") + " → " + wanted.wire();
            }
            case "STATUS" -> {
                api.toggleStatus(account, conversation, payload.path("status").asString());
                return "status " + payload.path("status").asString();
            }
            case "ASSIGN" -> {
                Long agent = payload.has("agentId") ? payload.path("agentId").asLong() : null;
                Long team = payload.has("teamId") ? payload.path("teamId").asLong() : null;
                if (team != null) {
                    api.assignTeam(account, conversation, team);
                }
                if (agent != null) {
                    api.assignAgent(account, conversation, agent);
                }
                return "assigned" + (agent != null ? " agent " + agent : "") + (team != null ? " team " + team : "");
            }
            default -> throw new IllegalStateException("unknown action kind " + action.kind());
        }
    }

    /**
     * A message is posted at most once however often the call is tried: an earlier try may have been stored by
     * Chatwoot though its answer never came back (a timeout, a dropped connection), so every try after the first
     * looks for the message marked with this action's id before posting again.
     */
    private static String postOnce(ChatwootApi api, ActionRepository.Claimed action, String content, boolean privateNote)
            throws ChatwootApi.CallFailed {
        String what = privateNote ? "note" : "reply";
        String marker = action.id().toString();
        if (action.attempts() > 1) {
            long found = api.findMarked(action.accountId(), action.conversationId(), marker);
            if (found >= 0) {
                return what + " already in Chatwoot (message " + found + "), not posted again";
            }
        }
        long id = api.postMessage(action.accountId(), action.conversationId(), content, privateNote, marker);
        return (privateNote ? "note posted" : "reply sent") + " (message " + id + ")";
    }
}
