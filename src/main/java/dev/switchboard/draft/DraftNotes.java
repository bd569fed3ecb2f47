package dev.switchboard.draft;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.conversation.NotesArrived;
import dev.switchboard.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drafts and decisions that come as Chatwoot private notes. A note by the agent (a configured agent bot or user) is
 * its draft. A note by a person that starts with {@code /approve} or {@code /reject} decides the conversation's latest
 * pending draft in that person's name: {@code /approve} sends it as written, {@code /approve <text>} sends the text
 * instead, {@code /reject <reason> [comment]} rejects it. Notes Switchboard posted itself, notes by bots and anything
 * a customer writes (never a private note) do nothing. Each note is handled in a savepoint of the conversation
 * model's transaction, so a refusal (nothing pending, decided already) is answered with a note and never undoes
 * the model's work.
 */
@Component
class DraftNotes {

    private static final Logger log = LoggerFactory.getLogger(DraftNotes.class);
    private static final Pattern COMMAND = Pattern.compile("(?s)^\\s*/(approve|reject)\\b[ \\t]*(.*)$", Pattern.CASE_INSENSITIVE);
    static final String MIRROR_HEADING = "🤖 AI draft, awaiting approval";

    private final Drafts drafts;
    private final ChatwootActions actions;
    private final DraftProperties properties;
    private final TransactionTemplate savepoint;

    DraftNotes(Drafts drafts, ChatwootActions actions, DraftProperties properties, PlatformTransactionManager transactions) {
        this.drafts = drafts;
        this.actions = actions;
        this.properties = properties;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void notesArrived(NotesArrived arrived) {
        for (NotesArrived.Note note : arrived.notes()) {
            if (note.fromSwitchboard() || note.content() == null || note.content().isBlank()) {
                continue;
            }
            if (fromAgent(note)) {
                inASavepoint(note, () -> drafts.proposeFromNote(note.accountId(), note.conversationId(), note.messageId(),
                        note.content().strip()));
            } else if (fromPerson(note)) {
                command(note.content()).ifPresent(command -> inASavepoint(note, () -> decide(note, command)));
            }
        }
    }

    private boolean fromAgent(NotesArrived.Note note) {
        String type = note.senderType() == null ? "" : note.senderType().toLowerCase(Locale.ROOT);
        return note.senderId() != null && (type.equals("agent_bot") || type.equals("agentbot")
                ? properties.agentBotIds().contains(note.senderId())
                : type.equals("user") && properties.agentUserIds().contains(note.senderId()));
    }

    private boolean fromPerson(NotesArrived.Note note) {
        return "user".equalsIgnoreCase(note.senderType()) && !properties.agentUserIds().contains(note.senderId());
    }

    private void decide(NotesArrived.Note note, Command command) {
        var pending = drafts.latestPending(note.accountId(), note.conversationId());
        String by = "chatwoot:" + (note.senderName() == null ? "user " + note.senderId() : note.senderName());
        if (pending.isEmpty()) {
            answer(note, "There is no pending AI draft in this conversation, so /" + command.verb() + " did nothing.");
            return;
        }
        Decision decision;
        if (command.verb().equals("approve")) {
            // a person typing /approve in Chatwoot has read the conversation as it stands: that is the second look
            decision = command.rest().isEmpty() ? new Decision(Decision.Kind.APPROVE, null, null, null, null, true)
                    : new Decision(Decision.Kind.EDIT, command.rest(), null, null, null, true);
        } else {
            String[] words = command.rest().split("\\s+", 2);
            Optional<RejectReason> reason = RejectReason.parse(words[0]);
            decision = new Decision(Decision.Kind.REJECT, null, reason.orElse(RejectReason.OTHER),
                    reason.isPresent() ? (words.length > 1 ? words[1] : null) : command.rest(), null, true);
        }
        drafts.decide(pending.get().id(), decision, by, DecidedVia.CHATWOOT);
    }

    private void inASavepoint(NotesArrived.Note note, Runnable work) {
        try {
            savepoint.executeWithoutResult(status -> work.run());
        } catch (Refusal refused) {
            log.info("Chatwoot note {} in {}:{} was refused: {}", note.messageId(), note.accountId(), note.conversationId(),
                    refused.getMessage());
            answer(note, "Switchboard could not do that: " + refused.getMessage());
        }
    }

    private void answer(NotesArrived.Note note, String text) {
        if (actions.configured()) {
            actions.enqueue(note.accountId(), note.conversationId(), new ChatwootAction.PostNote(text), "answer to note " + note.messageId(),
                    "draft", "draft-note-answer:" + note.accountId() + ":" + note.messageId());
        }
    }

    static Optional<Command> command(String content) {
        Matcher m = COMMAND.matcher(content);
        return m.matches() ? Optional.of(new Command(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip())) : Optional.empty();
    }

    /** The note Switchboard mirrors a draft as, so people in Chatwoot see it and can answer it. */
    static String mirrored(Draft draft) {
        return MIRROR_HEADING + (draft.intent() == null ? "" : " (" + draft.intent() + ")") + ". Reply with a note: /approve to send"
                + " it, /approve followed by your own text to send that instead, or /reject and a reason (wrong-facts, wrong-tone,"
                + " policy, not-needed, other).\n\n" + draft.body();
    }

    record Command(String verb, String rest) {
    }
}
