package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer and a member of staff, each in their own browser, from the first message to resolution. */
@IntegrationTest
class SupportJourneyTest extends BrowserTestSupport {

    /** Time passes between messages, as it does for people; messages are shown in the order written. */
    private static final Duration MINUTES = Duration.ofMinutes(3);

    @BeforeEach
    void noThreads() {
        jdbc.sql("TRUNCATE threads, emails CASCADE").update();
    }

    @Test
    void a_query_raised_on_the_portal_is_answered_in_the_inbox_and_followed_through_the_link() {
        Page customer = newContext(390, 844).newPage();
        customer.navigate("/portal");
        assertEveryFieldIsLabelled(customer);
        assertNoSidewaysScrolling(customer);
        raise(customer, "Invoice charged twice", "I was charged twice for order 42.");

        customer.waitForURL("**/portal/link/cl_*");
        assertThat(customer.getByRole(AriaRole.STATUS)).containsText("is with our team");
        String code = customer.locator("h1 span").first().textContent();
        String link = customer.getByLabel("Your link").inputValue();
        org.assertj.core.api.Assertions.assertThat(code).matches("SB-[A-Z0-9]{4}");
        org.assertj.core.api.Assertions.assertThat(link).contains("/portal/link/cl_");
        assertNoSidewaysScrolling(customer);

        login(AGENT);
        page.navigate("/inbox");
        Locator row = page.locator("[data-code='" + code + "']");
        assertThat(row).containsText("Invoice charged twice");
        assertThat(row).containsText("Ana Pérez");
        row.getByRole(AriaRole.LINK).click();
        Locator drawer = page.locator("#thread-drawer");
        assertThat(drawer).containsText("I was charged twice for order 42.");
        assertThat(page.locator("#drawer-title")).isFocused();
        assertEveryFieldIsLabelled(page);

        clock.advance(MINUTES);
        page.getByLabel("Message").fill("We have refunded the second charge.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reply")).click();
        assertThat(drawer.locator(".message").last()).containsText("We have refunded the second charge.");
        page.getByText("Note", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note"))).isVisible();
        clock.advance(MINUTES);
        page.getByLabel("Message").fill("Refund reference RF-77, checked with finance.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
        Locator note = drawer.locator(".message-note");
        assertThat(note).containsText("RF-77");
        assertThat(note).containsText("Internal note");
        assertThat(drawer.locator(".message:not(.message-note)").last()).containsText("refunded");

        customer.navigate(link);
        assertThat(customer.locator(".messages")).containsText("We have refunded the second charge.");
        assertThat(customer.locator("body")).not().containsText("RF-77");
        assertThat(customer.locator(".messages")).containsText("Support team");
        clock.advance(MINUTES);
        customer.getByLabel("Your reply").fill("Thank you, I can see it now.");
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reply")).click();
        assertThat(customer.locator("#latest")).containsText("Thank you, I can see it now.");

        page.reload();
        assertThat(drawer.locator(".message").last()).containsText("Thank you, I can see it now.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve")).click();
        assertThat(page.locator("[data-thread-status]")).hasText("RESOLVED");
        assertThat(page.locator("[data-move]")).hasText(new String[] {"Reopen", "Close"});
        assertThat(page.locator("[data-tab=RESOLVED] .count")).hasText("1");
        assertThat(page.locator("[data-tab=OPEN] .count")).hasText("0");

        customer.reload();
        assertThat(customer.locator("[data-status]")).hasText("Resolved");
    }

    @Test
    void times_are_shown_in_the_viewers_time_zone() {
        Page customer = newContext(1024, 800).newPage();
        customer.navigate("/portal");
        raise(customer, "What time is it", "Raised at 10:00 UTC, which is 19:00 in Tokyo.");
        customer.waitForURL("**/portal/link/cl_*");

        assertThat(customer.locator(".messages time").first()).hasText("20 Jul 2026, 19:00");

        login(AGENT);
        page.navigate("/inbox");
        assertThat(page.locator(".thread-list time").first()).hasText("20 Jul 2026, 19:00");
    }

    @Test
    void the_inbox_filters_by_tab_and_search_and_keeps_working_on_a_phone() {
        Page customer = newContext(1024, 800).newPage();
        customer.navigate("/portal");
        raise(customer, "Cannot log in", "The password reset mail never arrives.");
        customer.navigate("/portal");
        raise(customer, "Refund please", "Order 77 arrived broken.");

        page.close();
        page = newContext(390, 844).newPage();
        login(AGENT);
        page.navigate("/inbox");
        assertThat(page.locator("[data-tab=ALL] .count")).hasText("2");
        assertNoSidewaysScrolling(page);
        page.getByRole(AriaRole.SEARCHBOX).fill("broken");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();

        assertThat(page.locator(".thread-list li")).hasCount(1);
        assertThat(page.locator(".thread-list")).containsText("Refund please");
        page.locator("[data-tab=PENDING]").click();
        assertThat(page.locator(".thread-list li")).hasCount(0);
        assertThat(page.getByText("No thread matches.")).isVisible();
        assertThat(page.getByRole(AriaRole.SEARCHBOX)).hasValue("broken");
        assertNoSidewaysScrolling(page);
    }

    @Test
    void a_thread_is_opened_assigned_and_reprioritised_from_the_keyboard_and_the_list_follows() {
        Page customer = newContext(1024, 800).newPage();
        customer.navigate("/portal");
        raise(customer, "Keyboard only", "Assign me without a mouse.");
        login(AGENT);
        page.navigate("/inbox");

        page.locator(".thread-list a").first().focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#drawer-title")).isFocused();
        page.getByLabel("Assigned to").selectOption(AGENT);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).press("Enter");
        assertThat(page.locator(".thread-list")).containsText(AGENT);
        page.getByLabel("Thread priority").selectOption("URGENT");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set priority")).press("Enter");

        assertThat(page.locator("#thread-drawer .badge-URGENT")).isVisible();
        assertThat(page.locator(".thread-list .badge-URGENT")).isVisible();
        page.getByText("History (3)").click();
        assertThat(page.locator("#thread-drawer details")).containsText(AGENT + " changed priority from HIGH to URGENT");
    }

    @Test
    void a_query_raised_while_the_inbox_is_open_appears_in_it_within_a_minute() {
        page.clock().install();
        login(AGENT);
        page.navigate("/inbox");
        assertThat(page.getByText("No thread matches.")).isVisible();
        page.evaluate("() => { window.stillTheSamePage = true; }");

        Page customer = newContext(1024, 800).newPage();
        customer.navigate("/portal");
        raise(customer, "Arrived while watching", "Hello?");
        customer.waitForURL("**/portal/link/cl_*");
        page.clock().runFor(61_000);

        assertThat(page.locator(".thread-list")).containsText("Arrived while watching");
        assertThat(page.locator("[data-tab=OPEN] .count")).hasText("1");
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.stillTheSamePage")).isEqualTo(true);
    }

    static void raise(Page customer, String subject, String message) {
        customer.getByLabel("What is it about?").selectOption("Billing");
        customer.getByLabel("How urgent?").selectOption("HIGH");
        customer.getByLabel("Subject").fill(subject);
        customer.getByLabel("Your message").fill(message);
        customer.getByLabel("Your name").fill("Ana Pérez");
        customer.getByLabel("Your email").fill("ana@example.com");
        customer.getByLabel("Order or reference number (optional)").fill("ORD-42");
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
    }
}
