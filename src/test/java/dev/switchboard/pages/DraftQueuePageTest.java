package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Locator;
import dev.switchboard.draft.DecidedVia;
import dev.switchboard.draft.Decision;
import dev.switchboard.draft.Draft;
import dev.switchboard.draft.DraftStatus;
import dev.switchboard.draft.Drafts;
import dev.switchboard.draft.Proposal;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The drafts queue worked by keyboard, on drafts for native threads (they need no Chatwoot): {@code a} approves the
 * selected draft, {@code j} moves on, {@code e} edits and Ctrl+Enter sends, {@code r} goes to the reason and Ctrl+Enter
 * rejects. Each decision reaches the thread, or not, as it should.
 */
@IntegrationTest
class DraftQueuePageTest extends BrowserTestSupport {

    @Autowired
    Drafts drafts;

    private final List<String> codes = new ArrayList<>();

    @BeforeEach
    void threeDrafts() {
        jdbc.sql("TRUNCATE drafts, draft_autonomy, draft_autonomy_history").update();
        HttpTestClient http = new HttpTestClient(port);
        for (String subject : List.of("Refund for order 41", "Refund for order 42", "Refund for order 43")) {
            HttpTestClient.Response raised = http.postJson("/api/support/public/threads", null, Json.of("queryType", "Billing",
                    "priority", "HIGH", "subject", subject, "message", "Where is my refund?", "name", "Ana Pérez",
                    "email", "ana@example.com"));
            String code = raised.json().path("code").asString();
            codes.add(code);
            clock.advance(java.time.Duration.ofSeconds(1));
            drafts.propose(new Proposal("page-" + code, null, null, code, "Your refund for " + subject.substring(11)
                    + " was sent on Monday.", "refund", 0.9, List.of(new dev.switchboard.draft.Draft.Source("Refund policy",
                    "https://help.example.com/refunds")), null));
        }
    }

    @Test
    void an_agent_approves_edits_and_rejects_with_the_keyboard() {
        login(AGENT);
        page.navigate("/drafts");
        Locator cards = page.locator("article.draft");
        assertThat(cards).hasCount(3);
        assertThat(cards.first()).hasClass(java.util.regex.Pattern.compile("is-selected"));
        assertThat(cards.first()).containsText("Where is my refund?");
        assertEveryFieldIsLabelled(page);

        page.keyboard().press("a");
        assertThat(page.locator(".flash-ok")).containsText("Approved");
        assertThat(cards).hasCount(2);

        page.keyboard().press("j");
        page.keyboard().press("k");
        page.keyboard().press("e");
        Locator text = cards.first().locator("textarea[data-draft-text]");
        assertThat(text).isFocused();
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("Your refund left us on Tuesday.");
        cards.first().locator("select[name=tone]").selectOption("4");
        cards.first().locator("select[name=accuracy]").selectOption("3");
        cards.first().locator("select[name=policy]").selectOption("5");
        text.focus();
        page.keyboard().press("ControlOrMeta+Enter");
        assertThat(page.locator(".flash-ok")).containsText("edited reply");
        assertThat(cards).hasCount(1);

        page.keyboard().press("r");
        Locator reason = cards.first().locator("select[data-draft-reason]");
        assertThat(reason).isFocused();
        reason.selectOption("WRONG_FACTS");
        cards.first().locator("select[name=tone]").selectOption("3");
        cards.first().locator("select[name=accuracy]").selectOption("1");
        cards.first().locator("select[name=policy]").selectOption("4");
        cards.first().locator("input[name=comment]").focus();
        page.keyboard().type("order 43 was never refunded");
        page.keyboard().press("ControlOrMeta+Enter");
        assertThat(page.locator(".flash-ok")).containsText("Rejected");
        assertThat(page.locator("#queue-empty")).isVisible();
        assertThat(page.locator("#decided tbody tr")).hasCount(3);

        page.locator("#stats-link").click();
        assertThat(page.locator("#total-drafts")).hasText("3");
        assertThat(page.locator("#approval-rate")).hasText("33 %");
        assertThat(page.locator("svg rect.bar-approved")).hasCount(1);
        assertThat(page.locator("#by-intent tr[data-key='refund']")).containsText("33 % (1)");
        org.assertj.core.api.Assertions.assertThat(statuses()).containsExactly(DraftStatus.APPROVED, DraftStatus.EDITED, DraftStatus.REJECTED);
        org.assertj.core.api.Assertions.assertThat(staffReplies()).containsExactly(
                "Your refund for order 41 was sent on Monday.", "Your refund left us on Tuesday.");
    }

    @Test
    void an_edit_without_grades_is_refused_on_the_draft_with_the_text_kept() {
        login(AGENT);
        page.navigate("/drafts");
        page.keyboard().press("e");
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("A better reply.");
        page.keyboard().press("ControlOrMeta+Enter");

        assertThat(page.locator(".field-error")).containsText("tone, accuracy and policy");
        assertThat(page.locator("textarea[data-draft-text]")).hasValue("A better reply.");
        org.assertj.core.api.Assertions.assertThat(statuses()).containsOnly(DraftStatus.PENDING);
    }

    @Test
    void an_admin_switches_autonomy_on_only_once_earned_and_a_bad_review_switches_it_off() {
        login(ADMIN);
        page.navigate("/drafts/autonomy");
        Locator refund = page.locator("#autonomy tr[data-intent='refund']");
        refund.locator("[data-autonomy-switch]").click();
        assertThat(page.locator("#refused")).containsText("has not earned autonomy");
        assertThat(page.locator("#refused")).containsText("only 0 were judged");

        for (int i = 0; i < 50; i++) {
            clock.advance(java.time.Duration.ofSeconds(1));
            var draft = drafts.propose(new Proposal("earn-" + i, null, null, codes.getFirst(), "Answer " + i, "refund", 0.9, List.of(),
                    null)).draft();
            drafts.decide(draft.id(), new Decision(Decision.Kind.APPROVE, null, null, null, Draft.Grades.NONE, false), "aggie",
                    DecidedVia.SWITCHBOARD);
        }
        page.navigate("/drafts/autonomy");
        assertThat(refund).containsText("50 of 50");
        refund.locator("[data-autonomy-switch]").click();
        assertThat(page.locator(".flash-ok")).containsText("Autonomy for refund is on");
        assertThat(refund.locator("[data-autonomy-state]")).hasText("on");

        Draft sampled = null;
        // a tenth are sampled at random: within 300 drafts one is, all but certainly (0.9^300)
        for (int i = 0; i < 300 && sampled == null; i++) {
            Draft sent = drafts.propose(new Proposal("auto-" + i, null, null, codes.get(1), "Sent by autonomy " + i, "refund", 0.9,
                    List.of(), null)).draft();
            org.assertj.core.api.Assertions.assertThat(sent.decidedVia()).isEqualTo(DecidedVia.AUTONOMY);
            sampled = "WAITING".equals(sent.review()) ? sent : null;
        }
        org.assertj.core.api.Assertions.assertThat(sampled).isNotNull();

        page.navigate("/drafts/reviews");
        assertEveryFieldIsLabelled(page);
        Locator card = page.locator("article[data-draft-id='" + sampled.id() + "']");
        assertThat(card).containsText(sampled.body());
        card.locator("[data-review=bad]").click();
        assertThat(page.locator("#refused")).containsText("tone, accuracy and policy");
        card.locator("select[name=tone]").selectOption("4");
        card.locator("select[name=accuracy]").selectOption("2");
        card.locator("select[name=policy]").selectOption("2");
        card.locator("[data-review=bad]").click();
        assertThat(page.locator(".flash-ok")).containsText("Autonomy for refund switched itself off");

        page.navigate("/drafts/autonomy");
        assertThat(refund.locator("[data-autonomy-state]")).hasText("off");
        assertThat(refund).containsText("switchboard");
        assertThat(refund).not().containsText("earned");
    }

    private List<DraftStatus> statuses() {
        return jdbc.sql("SELECT status FROM drafts ORDER BY created_at").query((rs, n) -> DraftStatus.valueOf(rs.getString(1))).list();
    }

    /** The replies staff sent, thread by thread in the order the threads were raised. */
    private List<String> staffReplies() {
        List<String> replies = new ArrayList<>();
        for (String code : codes) {
            replies.addAll(jdbc.sql("""
                    SELECT m.body FROM thread_messages m JOIN threads t ON t.id = m.thread_id
                    WHERE t.code = :code AND m.author_kind = 'STAFF' AND m.visibility = 'EXTERNAL'
                    """).param("code", code).query(String.class).list());
        }
        return replies;
    }
}
