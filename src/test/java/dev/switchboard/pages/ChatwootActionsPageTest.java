package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Timestamp;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Dead Chatwoot actions are seen with their reason and Chatwoot's answer, and an agent puts one back. */
@IntegrationTest
class ChatwootActionsPageTest extends BrowserTestSupport {

    @Autowired
    ChatwootActions actions;

    private UUID dead;

    @BeforeEach
    void aDeadAction() {
        jdbc.sql("TRUNCATE chatwoot_actions").update();
        dead = actions.enqueue(3, 1342, new ChatwootAction.PostNote("Escalated: asks for a manager"), "triage escalated: human-requested",
                "triage", null).orElseThrow();
        // Chatwoot is not configured in this context, so nothing carries actions out: this one is made dead by hand
        jdbc.sql("UPDATE chatwoot_actions SET status = 'DEAD', attempts = 1, dead_at = :at, last_status = 404, "
                        + "last_error = 'POST /api/v1/accounts/3/conversations/1342/messages answered 404: {\"error\":\"Resource could not be found\"}' "
                        + "WHERE id = :id")
                .param("at", Timestamp.from(clock.instant())).param("id", dead).update();
    }

    @Test
    void an_agent_sees_why_an_action_died_and_replays_it() {
        login(AGENT);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chatwoot").setExact(true)).click();
        var row = page.locator("#a-" + dead);
        assertThat(row).containsText("triage escalated: human-requested");
        assertThat(row).containsText("answered 404");
        assertThat(page.locator("#chatwoot-health")).containsText("not set");
        assertEveryFieldIsLabelled(page);

        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Replay")).click();
        assertThat(page.locator("#a-" + dead)).hasAttribute("data-status", "PENDING");
        org.assertj.core.api.Assertions.assertThat(actions.find(dead).status()).isEqualTo(ChatwootActions.ActionStatus.PENDING);
    }

    @Test
    void a_viewer_sees_the_actions_but_cannot_replay() {
        login(VIEWER);
        page.navigate("/chatwoot/actions?status=DEAD");
        assertThat(page.locator("#a-" + dead)).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay"))).hasCount(0);
    }
}
