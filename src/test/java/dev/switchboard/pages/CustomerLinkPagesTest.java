package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class CustomerLinkPagesTest extends BrowserTestSupport {

    Page customer;

    @BeforeEach
    void aCustomerWithAQuery() {
        jdbc.sql("TRUNCATE threads, emails, client_logs CASCADE").update();
        customer = newContext(390, 844).newPage();
        customer.navigate("/portal");
        SupportJourneyTest.raise(customer, "Broken link", "Help me.");
        customer.waitForURL("**/portal/link/cl_*");
    }

    @Test
    void an_unknown_link_gets_a_clear_page() {
        Response response = customer.navigate("/portal/link/cl_thisIsNotAToken");

        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
        assertThat(customer.locator("h1")).hasText("This link does not work");
        assertThat(customer.locator("main")).containsText("copied whole");
    }

    @Test
    void a_link_revoked_by_staff_and_an_expired_one_say_so() {
        String link = customer.url().replaceAll("\\?.*", "");
        login(AGENT);
        page.navigate("/inbox");
        page.getByText("Broken link").click();
        page.onDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke")).click();
        assertThat(page.locator("#thread-drawer section[aria-labelledby=links-title] table")).containsText("REVOKED");

        Response revoked = customer.navigate(link);
        org.assertj.core.api.Assertions.assertThat(revoked.status()).isEqualTo(410);
        assertThat(customer.locator("h1")).hasText("This link no longer works");
        assertThat(customer.locator("main")).containsText("withdrawn by the support team");

        page.getByLabel("New link allows").selectOption("VIEW");
        page.getByLabel("Valid for (days)").fill("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create link")).click();
        String readOnly = page.getByLabel("New link: copy it now, it is not shown again").inputValue();
        customer.navigate(readOnly);
        assertThat(customer.locator("main")).containsText("read the conversation but not reply");
        assertThat(customer.getByLabel("Your reply")).hasCount(0);

        clock.advance(Duration.ofDays(3));
        Response expired = customer.navigate(readOnly);
        org.assertj.core.api.Assertions.assertThat(expired.status()).isEqualTo(410);
        assertThat(customer.locator("main")).containsText("has expired");
    }

    @Test
    void a_script_error_on_a_page_is_reported_without_the_link_token() {
        String token = customer.url().replaceAll(".*/portal/link/", "").replaceAll("\\?.*", "");
        expectedScriptErrors.add("boom on");

        customer.evaluate("() => setTimeout(() => { throw new Error('boom on ' + location.pathname); })");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.sql("SELECT count(*) FROM client_logs WHERE message LIKE '%boom on%'").query(Long.class).single() == 1);
        String message = jdbc.sql("SELECT message || ' ' || page FROM client_logs").query(String.class).single();
        org.assertj.core.api.Assertions.assertThat(message).contains("boom on /portal/link/cl_…").doesNotContain(token);

        login(ADMIN);
        page.navigate("/client-errors");
        assertThat(page.locator("table")).containsText("boom on /portal/link/cl_…");
    }
}
