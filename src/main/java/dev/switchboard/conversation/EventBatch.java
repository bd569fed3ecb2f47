package dev.switchboard.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.inbound.EventFeed.FedEvent;

/**
 * What a batch of events says, folded in the order received the way the model's SQL would fold them one by
 * one (a state replaces another as new or newer by Chatwoot's clock; the inbox name kept when a state has
 * none; the first creation and first reply kept; once deleted a message stays deleted; the finer time wins):
 * one row per conversation and one per message, written in a statement each. A conversation written twice
 * in one statement is not allowed, and it would be two round trips where one does.
 */
final class EventBatch {

    record Key(long accountId, long conversationId) {
    }

    record MessageKey(long accountId, long messageId) {
    }

    /** A conversation's folded state and when Switchboard received the first and last event of it in the batch. */
    record Folded(ChatwootPayloads.State state, Instant firstReceived, Instant lastReceived) {
    }

    private final Map<Key, Folded> states = new LinkedHashMap<>();
    private final List<ChatwootPayloads.Contact> contacts = new ArrayList<>();
    private final Map<MessageKey, ChatwootPayloads.Message> messages = new LinkedHashMap<>();

    void add(FedEvent event, ChatwootPayloads.Reading reading) {
        reading.conversation().ifPresent(state -> states.merge(new Key(state.accountId(), state.conversationId()),
                new Folded(state, event.receivedAt(), event.receivedAt()), EventBatch::fold));
        reading.contact().ifPresent(contacts::add);
        for (ChatwootPayloads.Message message : reading.messages()) {
            messages.merge(new MessageKey(message.accountId(), message.messageId()), message, EventBatch::fold);
        }
    }

    List<Folded> states() {
        return List.copyOf(states.values());
    }

    Folded state(long accountId, long conversationId) {
        return states.get(new Key(accountId, conversationId));
    }

    List<ChatwootPayloads.Contact> contacts() {
        return contacts;
    }

    List<ChatwootPayloads.Message> messages() {
        return List.copyOf(messages.values());
    }

    boolean isEmpty() {
        return states.isEmpty() && contacts.isEmpty() && messages.isEmpty();
    }

    static Folded fold(Folded held, Folded next) {
        ChatwootPayloads.State h = held.state();
        ChatwootPayloads.State n = next.state();
        ChatwootPayloads.State newer = n.version() >= h.version() ? n : h;
        ChatwootPayloads.Contact contact = n.contact() != null && n.contact().version() >= contactVersion(h) ? n.contact() : h.contact();
        ChatwootPayloads.State folded = new ChatwootPayloads.State(h.accountId(), h.conversationId(), newer.inboxId(),
                n.inboxName() != null ? n.inboxName() : h.inboxName(), newer.channel(), newer.status(), newer.priority(), newer.labels(),
                newer.assigneeId(), newer.assigneeName(), newer.assigneeType(), newer.teamId(), newer.teamName(), contact,
                h.createdAt() != null ? h.createdAt() : n.createdAt(), newer.waitingSince(),
                h.firstReplyAt() != null ? h.firstReplyAt() : n.firstReplyAt(), newer.snoozedUntil(),
                later(h.lastActivityAt(), n.lastActivityAt()), Math.max(h.version(), n.version()));
        return new Folded(folded, earlier(held.firstReceived(), next.firstReceived()), later(held.lastReceived(), next.lastReceived()));
    }

    static ChatwootPayloads.Message fold(ChatwootPayloads.Message h, ChatwootPayloads.Message n) {
        return new ChatwootPayloads.Message(h.accountId(), h.conversationId(), h.messageId(), h.kind(),
                h.senderName() != null ? h.senderName() : n.senderName(), n.deleted() && !h.deleted() ? n.content() : h.content(),
                h.deleted() || n.deleted(), later(h.createdAt(), n.createdAt()), h.senderType() != null ? h.senderType() : n.senderType(),
                h.senderId() != null ? h.senderId() : n.senderId(), h.marker() != null ? h.marker() : n.marker());
    }

    static double contactVersion(ChatwootPayloads.State state) {
        return state.contact() == null ? 0 : state.contact().version();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
