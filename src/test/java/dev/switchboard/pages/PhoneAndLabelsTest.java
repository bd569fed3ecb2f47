package dev.switchboard.pages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Page;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Every page, at a phone's width: no sideways scrolling, and a label on every field. */
@IntegrationTest
class PhoneAndLabelsTest extends BrowserTestSupport {

    @Test
    void every_page_fits_a_phone_and_labels_every_field() {
        jdbc.sql("TRUNCATE threads, emails CASCADE").update();
        UUID delivery = new DeadDeliveries(jdbc).add("message_created", Instant.parse("2026-07-20T09:00:00Z"));
        page.close();
        page = newContext(390, 844).newPage();
        page.navigate("/portal");
        SupportJourneyTest.raise(page, "A rather long subject line that a customer typed in full on a small phone screen",
                "An unbroken-word-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on");
        page.waitForURL("**/portal/link/cl_*");
        check(page);
        String code = page.locator("h1 span").first().textContent();

        login(ADMIN);
        for (String path : List.of("/", "/deliveries", "/deliveries/" + delivery, "/inbox", "/inbox/threads/" + code, "/settings", "/settings/sla", "/alerts",
                "/users", "/tokens", "/client-errors", "/account", "/portal")) {
            page.navigate(path);
            check(page);
        }
    }

    private static void check(Page page) {
        assertEveryFieldIsLabelled(page);
        assertNoSidewaysScrolling(page);
    }
}
