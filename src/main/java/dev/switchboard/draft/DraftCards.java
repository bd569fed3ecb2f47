package dev.switchboard.draft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.conversation.Conversations;
import dev.switchboard.conversation.SenderKind;
import dev.switchboard.thread.SupportThreads;
import org.springframework.stereotype.Component;

/** A draft with what a person needs to judge it: who the customer is and what was said last. */
@Component
class DraftCards {

    static final int LAST_MESSAGES = 6;

    private final Conversations conversations;
    private final SupportThreads threads;

    DraftCards(Conversations conversations, SupportThreads threads) {
        this.conversations = conversations;
        this.threads = threads;
    }

    List<Card> cards(List<Draft> drafts) {
        return drafts.stream().map(this::card).toList();
    }

    Card card(Draft draft) {
        Draft.Subject subject = draft.subject();
        if (subject.isThread()) {
            var facts = threads.find(subject.threadId().toString());
            List<Line> lines = threads.lastMessages(subject.threadId(), LAST_MESSAGES).stream()
                    .map(m -> new Line(m.fromCustomer() ? "customer" : m.internal() ? "note" : "team", m.author(), m.body(), m.createdAt()))
                    .toList();
            return new Card(draft, facts.map(SupportThreads.ThreadFacts::subject).orElse("(thread gone)"),
                    facts.map(SupportThreads.ThreadFacts::requesterName).orElse(null),
                    facts.map(f -> join(f.requesterEmail(), f.requesterPhone())).orElse(null), lines, null);
        }
        var glance = conversations.glance(subject.accountId(), subject.conversationId(), LAST_MESSAGES);
        if (glance.isEmpty()) {
            return new Card(draft, "not in Switchboard's conversation model yet", null, null, List.of(), null);
        }
        Conversations.Summary c = glance.get().conversation();
        List<Line> lines = new ArrayList<>();
        for (Conversations.MessageView m : glance.get().lastMessages().reversed()) {
            lines.add(new Line(kind(m.sender()), m.senderName(), m.deleted() ? "(deleted)" : m.content(), m.createdAt()));
        }
        String inbox = c.inboxName() != null ? c.inboxName() : c.inboxId() == null ? null : "inbox " + c.inboxId();
        return new Card(draft, inbox, c.contact() == null ? null : c.contact().name(),
                c.contact() == null ? null : join(c.contact().email(), c.contact().phone()), lines, c.slaDueAt());
    }

    private static String kind(SenderKind sender) {
        return switch (sender) {
            case CONTACT -> "customer";
            case AGENT -> "team";
            case BOT -> "bot";
            case NOTE -> "note";
        };
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " · " + b;
    }

    /**
     * @param where     the thread's subject or the conversation's inbox
     * @param slaDueAt  the subject's next SLA deadline, when one runs
     */
    record Card(Draft draft, String where, String customer, String customerDetail, List<Line> lastMessages, Instant slaDueAt) {
    }

    /** @param kind customer, team, bot or note */
    record Line(String kind, String author, String text, Instant at) {
    }
}
