package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** What a role may not do is not shown, and the server refuses it when asked anyway. */
@IntegrationTest
class ViewerRoleTest extends BrowserTestSupport {

    @Test
    void a_viewer_sees_no_replay_or_settings_controls_and_the_server_refuses_them() {
        DeadDeliveries dead = new DeadDeliveries(jdbc);
        UUID id = dead.add("message_created", Instant.parse("2026-07-20T09:00:00Z"));
        login(VIEWER);

        assertThat(page.locator(".mainnav")).not().containsText("Settings");
        assertThat(page.locator(".mainnav")).not().containsText("Support Inbox");
        assertThat(page.locator("#live a[href^='/inbox']")).hasCount(0);
        assertThat(page.locator("[data-tile=dead] a")).hasAttribute("href", "/deliveries?status=DEAD");
        page.navigate("/deliveries?status=DEAD");
        assertThat(page.locator("#d-" + id)).isVisible();
        assertThat(page.locator("button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Replay"))).hasCount(0);
        page.navigate("/deliveries/" + id);
        assertThat(page.locator("pre.body")).isVisible();
        assertThat(page.locator("button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Replay"))).hasCount(0);

        String csrf = page.locator("meta[name=_csrf]").getAttribute("content");
        RequestOptions withCsrf = RequestOptions.create().setHeader("X-CSRF-TOKEN", csrf).setHeader("HX-Request", "true");
        APIResponse pageReplay = page.request().post("/deliveries/" + id + "/replay", withCsrf);
        APIResponse apiReplay = page.request().post("/api/deliveries/" + id + "/replay", RequestOptions.create().setHeader("X-CSRF-TOKEN", csrf));
        APIResponse replayAll = page.request().post("/deliveries/replays", withCsrf.setForm(
                com.microsoft.playwright.options.FormData.create().set("eventType", "message_created")));
        APIResponse settingsChange = page.request().post("/settings", RequestOptions.create().setHeader("X-CSRF-TOKEN", csrf)
                .setForm(com.microsoft.playwright.options.FormData.create().set("supportEmail", "evil@example.com")
                        .set("queryTypes", "Billing")));
        Response settingsPage = page.navigate("/settings");

        org.assertj.core.api.Assertions.assertThat(pageReplay.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(pageReplay.text()).contains("Your role does not allow this.");
        org.assertj.core.api.Assertions.assertThat(apiReplay.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(replayAll.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(settingsChange.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(settingsPage.status()).isEqualTo(403);
        assertThat(page.locator("h1")).hasText("Not allowed");
        org.assertj.core.api.Assertions.assertThat(dead.status(id)).isEqualTo("DEAD");
        org.assertj.core.api.Assertions.assertThat(settings.current().supportEmail()).isEqualTo("support@example.com");
    }

    @Test
    void an_agent_works_threads_and_deliveries_but_sees_no_administration() {
        login(AGENT);

        assertThat(page.locator(".mainnav")).containsText("Support Inbox");
        assertThat(page.locator(".mainnav")).not().containsText("Settings");
        assertThat(page.locator(".mainnav")).not().containsText("API tokens");
        org.assertj.core.api.Assertions.assertThat(page.navigate("/users").status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.navigate("/tokens").status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.navigate("/client-errors").status()).isEqualTo(403);
    }

    @Test
    void a_page_opened_without_logging_in_asks_for_the_login() {
        page.navigate("/inbox");

        page.waitForURL("**/login");
        assertThat(page.getByLabel("Username")).isVisible();
    }
}
