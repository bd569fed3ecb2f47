package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text people write is shown as text everywhere: markup in a message never runs. */
@IntegrationTest
class ScriptPayloadTest extends BrowserTestSupport {

    static final String PAYLOAD = "<script>window.pwned = 'script'</script><img src=x onerror=\"window.pwned = 'img'\"> is this safe?";

    @BeforeEach
    void noThreads() {
        jdbc.sql("TRUNCATE threads, emails CASCADE").update();
    }

    @Test
    void a_script_in_a_message_is_shown_as_text_to_staff_and_customer_and_never_runs() {
        Page customer = newContext(1024, 800).newPage();
        customer.navigate("/portal");
        SupportJourneyTest.raise(customer, "Odd characters", PAYLOAD);
        customer.waitForURL("**/portal/link/cl_*");
        String link = customer.url();

        assertThat(customer.locator(".messages")).containsText(PAYLOAD);
        assertThat(customer.locator(".messages img")).hasCount(0);
        assertThat(customer.locator(".messages script")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(customer.evaluate("() => window.pwned")).isNull();

        login(AGENT);
        page.navigate("/inbox");
        page.getByText("Odd characters").click();
        assertThat(page.locator("#thread-drawer .message-body").first()).hasText(PAYLOAD);
        assertThat(page.locator("#thread-drawer img")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.pwned")).isNull();

        clock.advance(Duration.ofMinutes(1));
        page.getByLabel("Message").fill("Staff write markup too: " + PAYLOAD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reply")).click();
        assertThat(page.locator("#thread-drawer .message-body").last()).hasText("Staff write markup too: " + PAYLOAD);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.pwned")).isNull();

        customer.navigate(link);
        assertThat(customer.locator("#latest")).containsText("Staff write markup too: " + PAYLOAD);
        org.assertj.core.api.Assertions.assertThat(customer.evaluate("() => window.pwned")).isNull();
    }

    @Test
    void markup_in_a_one_line_field_is_refused_beside_the_field_and_nothing_is_raised() {
        page.navigate("/portal");
        page.getByLabel("Subject").fill("<b>bold</b> subject");
        page.getByLabel("Your message").fill("hello");
        page.getByLabel("Your name").fill("Ana");
        page.getByLabel("Your email").fill("not an email");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

        assertThat(page.locator("#subject-error")).containsText("without < or >");
        assertThat(page.locator("#email-error")).containsText("email address");
        assertThat(page.getByLabel("Subject")).hasValue("<b>bold</b> subject");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM threads").query(Long.class).single()).isZero();
    }
}
