package dev.switchboard.draft;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.switchboard.sla.ClockKind;
import dev.switchboard.sla.SlaClocks;
import dev.switchboard.sla.SubjectKind;
import dev.switchboard.support.ChatwootEvents;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts and decisions that arrive as Chatwoot private notes, and the reply that stops the SLA clock. */
@IntegrationTest
class DraftsFromChatwootTest extends DraftTestSupport {

    private static final long PRIYA = 12;

    @Autowired
    SlaClocks slaClocks;

    @Test
    void a_person_approves_the_latest_pending_draft_with_a_note_and_is_recorded_by_name() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4301);
        proposed(4301, "k-4301-old", "An older draft.");
        clock.advance(Duration.ofSeconds(1));
        UUID latest = proposed(4301, "k-4301", "Your refund was sent on Monday.");

        note(conversation, "user", PRIYA, "Priya Sharma", "/approve");
        actionWorker.runOnce();

        Draft decided = drafts.find(latest);
        assertThat(decided.status()).isEqualTo(DraftStatus.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("chatwoot:Priya Sharma");
        assertThat(decided.decidedVia()).isEqualTo(DecidedVia.CHATWOOT);
        assertThat(CHATWOOT.conversation(4301).replies).containsExactly("Your refund was sent on Monday.");
    }

    @Test
    void approve_with_text_sends_the_text_and_reject_records_the_reason() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4302);
        UUID first = proposed(4302, "k-4302-a", "Your refund was sent on Monday.");

        note(conversation, "user", PRIYA, "Priya Sharma", "/approve Your refund left us on Tuesday; expect it by Friday.");
        UUID second = proposed(4302, "k-4302-b", "We cannot help with that.");
        note(conversation, "user", PRIYA, "Priya Sharma", "/reject wrong-tone far too curt");

        assertThat(drafts.find(first).status()).isEqualTo(DraftStatus.EDITED);
        assertThat(drafts.find(first).finalBody()).isEqualTo("Your refund left us on Tuesday; expect it by Friday.");
        Draft rejected = drafts.find(second);
        assertThat(rejected.status()).isEqualTo(DraftStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TONE);
        assertThat(rejected.comment()).isEqualTo("far too curt");
    }

    @Test
    void the_same_words_from_a_customer_or_a_bot_do_nothing() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4303);
        UUID draft = proposed(4303, "k-4303", "Your refund was sent on Monday.");

        clock.advance(Duration.ofSeconds(1));
        conversation.customerWrote("/approve", clock.instant());
        projector.runOnce();
        note(conversation, "agent_bot", 77, "Some other bot", "/approve");
        confirmStaleIsNotWhatStopsIt(draft);

        assertThat(drafts.find(draft).status()).isEqualTo(DraftStatus.PENDING);
        note(conversation, "user", PRIYA, "Priya Sharma", "/approve");
        assertThat(drafts.find(draft).status()).as("a person's note, the positive control").isEqualTo(DraftStatus.APPROVED);
    }

    @Test
    void a_command_with_nothing_pending_is_answered_with_a_note_and_changes_nothing() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4304);

        note(conversation, "user", PRIYA, "Priya Sharma", "/approve");
        actionWorker.runOnce();

        assertThat(CHATWOOT.conversation(4304).notes).singleElement().asString().contains("no pending AI draft");
        assertThat(CHATWOOT.conversation(4304).replies).isEmpty();
    }

    @Test
    void the_agents_own_private_note_is_its_draft_and_our_mirror_of_a_draft_is_not() {
        ChatwootEvents conversation = conversationWithCustomerMessage(4305);

        note(conversation, "agent_bot", AGENT_BOT_ID, "Refund bot", "Your refund was sent on Monday.");
        conversation.replyMarked(UUID.randomUUID().toString(), "ignored", clock.instant());
        projector.runOnce();

        assertThat(drafts.pending(false, 10)).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo("NOTE");
            assertThat(d.body()).isEqualTo("Your refund was sent on Monday.");
            assertThat(d.noteMessageId()).isNotNull();
        });
    }

    @Test
    void the_first_response_clock_stops_when_chatwoot_stores_the_approved_reply() {
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        ChatwootEvents conversation = conversationWithCustomerMessage(4306);
        clocks.runOnce();
        UUID draft = proposed(4306, "k-4306", "Your refund was sent on Monday.");
        decide(draft, token(Role.AGENT), Json.of("kind", "APPROVE"));
        actionWorker.runOnce();
        String marker = jdbc.sql("SELECT id::text FROM chatwoot_actions WHERE kind = 'REPLY'").query(String.class).single();

        clock.advance(Duration.ofMinutes(4));
        Instant stored = clock.instant();
        conversation.replyMarked(marker, "Your refund was sent on Monday.", stored);
        projector.runOnce();
        clocks.runOnce();

        SlaClocks.ClockView first = slaClocks.clocks(SubjectKind.CONVERSATION, ACME + ":4306").stream()
                .filter(c -> c.clock() == ClockKind.FIRST_RESPONSE).findFirst().orElseThrow();
        assertThat(first.endedAt()).as("whatever policy another test left in force, the reply ends the clock").isEqualTo(stored);
        assertThat(first.state()).isNotIn(dev.switchboard.sla.ClockState.RUNNING, dev.switchboard.sla.ClockState.PAUSED);
    }

    private void note(ChatwootEvents conversation, String senderType, long senderId, String name, String content) {
        clock.advance(Duration.ofSeconds(1));
        conversation.noteBy(senderType, senderId, name, content, clock.instant());
        projector.runOnce();
    }

    /** The customer's "/approve" is a customer message: it makes the draft stale, and decides nothing. */
    private void confirmStaleIsNotWhatStopsIt(UUID draft) {
        assertThat(drafts.find(draft).staleAt()).isNotNull();
    }
}
