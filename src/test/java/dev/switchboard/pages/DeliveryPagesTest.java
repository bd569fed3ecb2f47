package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class DeliveryPagesTest extends BrowserTestSupport {

    DeadDeliveries dead;

    @BeforeEach
    void noDeadDeliveries() {
        dead = new DeadDeliveries(jdbc);
        dead.clear();
    }

    @Test
    void a_dead_delivery_is_replayed_from_its_row_and_the_row_changes() {
        UUID id = dead.add("message_created", Instant.parse("2026-07-20T09:00:00Z"));
        login(AGENT);
        page.navigate("/deliveries?status=DEAD&destination=" + DeadDeliveries.DESTINATION);
        Locator row = page.locator("#d-" + id);
        assertThat(row).hasAttribute("data-status", "DEAD");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay delivery " + id)).click();

        assertThat(row).hasAttribute("data-status", "PENDING");
        assertThat(row).containsText("replaying");
        assertThat(row.getByRole(AriaRole.BUTTON)).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(dead.status(id)).isEqualTo("PENDING");
    }

    @Test
    void a_dead_delivery_is_replayed_from_its_own_page_and_its_status_changes() {
        UUID id = dead.add("message_created", Instant.parse("2026-07-20T09:00:00Z"));
        login(AGENT);
        page.navigate("/deliveries/" + id);
        Locator status = page.locator("#delivery-status");
        assertThat(status.locator(".badge").first()).hasText("DEAD");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay this delivery")).click();

        assertThat(status.locator(".badge").first()).hasText("PENDING");
        assertThat(status).containsText("replaying");
        assertThat(status.getByRole(AriaRole.BUTTON)).hasCount(0);
        assertThat(page.locator("pre.body")).containsText("message_created");
        org.assertj.core.api.Assertions.assertThat(dead.status(id)).isEqualTo("PENDING");
    }

    @Test
    void dead_deliveries_matching_the_filters_are_counted_then_replayed_with_progress_and_the_rest_cancelled() {
        for (int i = 0; i < 3; i++) {
            dead.add("message_created", Instant.parse("2026-07-20T09:0" + i + ":00Z"));
        }
        UUID other = dead.add("conversation_created", Instant.parse("2026-07-20T09:05:00Z"));
        login(AGENT);
        page.navigate("/deliveries?destination=" + DeadDeliveries.DESTINATION + "&eventType=message_created");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay dead deliveries matching these filters…")).click();
        assertThat(page.locator("[data-replay-count]")).hasText("3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay 3")).click();

        Locator progress = page.locator("#replay-progress");
        assertThat(progress).containsText("0 of 3 delivered");
        assertThat(progress.locator("progress")).hasAttribute("max", "3");
        progress.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the rest")).click();
        assertThat(progress).containsText("3 deliveries that had not started went back to dead.");
        org.assertj.core.api.Assertions.assertThat(dead.status(other)).isEqualTo("DEAD");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE destination = :d AND status = 'DEAD'")
                .param("d", DeadDeliveries.DESTINATION).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void a_delivery_shows_its_event_with_secrets_masked_and_every_attempt() {
        UUID id = dead.add("message_created", Instant.parse("2026-07-20T09:00:00Z"));
        login(VIEWER);
        page.navigate("/deliveries/" + id);

        assertThat(page.locator("pre.body")).containsText("\"pubsub_token\" : \"••••••\"");
        assertThat(page.locator("body")).not().containsText("pst-very-secret-token");
        assertThat(page.locator("table")).containsText("503");
        assertThat(page.locator("table")).containsText("upstream busy <b>try later</b>");
        assertThat(page.locator("table time").first()).hasText("20 Jul 2026, 18:00");
    }

    @Test
    void a_filter_with_an_impossible_time_range_says_what_is_wrong() {
        login(VIEWER);
        page.navigate("/deliveries");
        page.getByLabel("Received from").fill("2026-07-20T12:00");
        page.getByLabel("Received before").fill("2026-07-20T08:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();

        assertThat(page.locator("#to-error")).containsText("must be after the start of the range");
        assertThat(page.getByLabel("Received before")).hasAttribute("aria-invalid", "true");
    }
}
