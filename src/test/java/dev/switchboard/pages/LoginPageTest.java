package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class LoginPageTest extends BrowserTestSupport {

    @Test
    void a_person_logs_in_with_the_keyboard_alone_and_lands_on_the_dashboard() {
        page.navigate("/deliveries");
        page.waitForURL("**/login");
        Keyboard keyboard = page.keyboard();

        keyboard.type(AGENT);
        keyboard.press("Tab");
        keyboard.type(PASSWORD);
        keyboard.press("Enter");

        page.waitForURL("**/deliveries?continue");
        assertThat(page.getByRole(AriaRole.HEADING, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Deliveries"))).isVisible();
        assertThat(page.locator(".whoami")).containsText(AGENT);
    }

    @Test
    void a_wrong_password_is_refused_with_a_message() {
        page.navigate("/login");
        page.getByLabel("Username").fill(AGENT);
        page.getByLabel("Password").fill("not the password at all");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log in")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("do not match");
        assertEveryFieldIsLabelled(page);
    }

    @Test
    void logging_out_ends_the_session() {
        login(VIEWER);

        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log out")).click();
        page.waitForURL("**/login?logout");
        page.navigate("/");

        page.waitForURL("**/login");
        assertThat(page.getByLabel("Username")).isVisible();
        assertThat(page.locator(".whoami")).hasCount(0);
    }
}
