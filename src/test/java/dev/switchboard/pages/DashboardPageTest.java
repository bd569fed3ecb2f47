package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class DashboardPageTest extends BrowserTestSupport {

    @Test
    void the_dashboard_shows_every_tile_with_what_the_database_holds_and_the_chart() {
        new DeadDeliveries(jdbc).add("message_created", Instant.parse("2026-07-20T09:30:00Z"));
        clock.set(Instant.parse("2026-07-20T12:00:00Z"));
        login(VIEWER);

        for (String tile : new String[] {"pending", "oldest-pending", "success-rate", "dead", "open-threads", "pending-threads",
                "resolved-today", "emails-waiting"}) {
            assertThat(page.locator("[data-tile=" + tile + "] .tile-value")).isVisible();
        }
        assertThat(page.locator("[data-tile=dead] .tile-value")).hasText(count("deliveries WHERE status = 'DEAD'"));
        assertThat(page.locator("[data-tile=pending] .tile-value")).hasText(count("deliveries WHERE status = 'PENDING'"));
        assertThat(page.locator("[data-tile=open-threads] .tile-value")).hasText(count("threads WHERE status = 'OPEN'"));
        assertThat(page.locator("[data-tile=pending-threads] .tile-value")).hasText(count("threads WHERE status = 'PENDING'"));
        assertThat(page.locator("[data-tile=emails-waiting] .tile-note")).hasText("no SMTP server set");
        assertThat(page.locator("svg.chart")).hasAttribute("aria-label",
                java.util.regex.Pattern.compile("Last 24 hours: \\d+ events received, \\d+ delivered"));
        assertThat(page.locator("svg.chart text").filter(new Locator.FilterOptions().setHasText("18:00"))).hasCount(1);
        assertThat(page.locator("[data-tile=chatwoot] .tile-value")).hasText("Not set");
        assertThat(page.locator("#intents h2")).hasText("Open conversations by intent");
    }

    private String count(String tableAndCondition) {
        return Long.toString(jdbc.sql("SELECT count(*) FROM " + tableAndCondition).query(Long.class).single());
    }

    @Test
    void a_tile_refreshes_after_thirty_seconds_in_place_without_reloading_the_page() {
        clock.set(Instant.parse("2026-07-20T11:00:00Z"));
        page.clock().install();
        login(VIEWER);
        Locator deadTile = page.locator("[data-tile=dead]");
        long before = Long.parseLong(deadTile.locator(".tile-value").textContent().strip());
        BoundingBox boxBefore = deadTile.boundingBox();
        page.evaluate("() => { window.stillTheSamePage = true; }");

        new DeadDeliveries(jdbc).add("message_created", Instant.parse("2026-07-20T09:59:00Z"));
        clock.advance(java.time.Duration.ofSeconds(31));
        page.clock().runFor(31_000);

        assertThat(deadTile.locator(".tile-value")).hasText(Long.toString(before + 1));
        assertThat(deadTile).hasClass(java.util.regex.Pattern.compile("tile-bad"));
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.stillTheSamePage")).isEqualTo(true);
        BoundingBox boxAfter = deadTile.boundingBox();
        org.assertj.core.api.Assertions.assertThat(boxAfter.y).isCloseTo(boxBefore.y, within(0.5));
        org.assertj.core.api.Assertions.assertThat(boxAfter.height).isCloseTo(boxBefore.height, within(0.5));
        org.assertj.core.api.Assertions.assertThat(boxAfter.width).isCloseTo(boxBefore.width, within(0.5));
    }
}
