package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.Fixtures;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.support.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversations pages in a real browser, on the model the running projector builds from the project's
 * fixtures (conversation 8342, resolved; 8346, open).
 */
@IntegrationTest
class ConversationPagesTest extends BrowserTestSupport {

    @BeforeEach
    void conversationsFromEvents() {
        Fixtures.Vectors vectors = Fixtures.project();
        for (String number : List.of("01", "02", "03", "07", "06", "05")) {
            Fixtures.Fixture fixture = vectors.named(number);
            Rows.anEvent().ofType(Fixtures.eventType(fixture.body())).withBody(new String(fixture.body(), StandardCharsets.UTF_8))
                    .receivedAt(clock.instant()).insert(jdbc);
        }
    }

    @Test
    void an_agent_filters_the_list_and_opens_a_conversation_with_its_state_timeline_and_triage() {
        login(AGENT);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conversations")).click();
        assertThat(page.locator("[data-conversation='8342']")).isVisible();
        assertThat(page.locator("[data-conversation='8346']")).isVisible();
        assertEveryFieldIsLabelled(page);

        page.getByLabel("Status").selectOption("RESOLVED");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.locator("[data-conversation='8346']")).hasCount(0);
        assertThat(page.locator("[data-conversation='8342']")).isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("#8342")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("RESOLVED");
        assertThat(page.locator("dl.facts")).containsText("Jonas Lindqvist");
        assertThat(page.locator("dl.facts")).containsText("billing, refund");
        // the customer's own words, shown as text: "<again>" is not markup
        assertThat(page.locator("ol.timeline li[data-sender='CONTACT'] .message-body"))
                .hasText("Hei! My order #A-1182 arrived damaged <again> & the box was open. ¿Refund?");
        // damage in transit outweighs the closing "¿Refund?" under the default rules; the evidence says why
        assertThat(page.locator("tr[data-kind='intent']").first()).containsText("shipping");
        assertThat(page.locator("tr[data-kind='intent']").first()).containsText("matched \"arrived damaged\"");
        assertNoSidewaysScrolling(page);
    }

    @Test
    void a_viewer_is_not_shown_conversations() {
        login(VIEWER);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conversations"))).hasCount(0);
        var response = page.navigate("/conversations");
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        assertThat(page.locator("main")).not().containsText("Jonas");
    }
}
