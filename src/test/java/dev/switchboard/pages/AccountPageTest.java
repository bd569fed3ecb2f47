package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.web.Role;
import org.junit.jupiter.api.Test;

/** A person's own account page, and sessions that follow what happens to their user. */
@IntegrationTest
class AccountPageTest extends BrowserTestSupport {

    @Test
    void a_person_changes_their_password_and_only_their_other_sessions_end() {
        users.create("paula", PASSWORD, Role.AGENT, null);
        Page elsewhere = login(newContext(1280, 900).newPage(), "paula");
        login("paula");
        page.navigate("/account");

        page.getByLabel("Current password").fill("not my password at all");
        page.getByLabel("New password (12 characters or more)").fill("a brand new passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#currentPassword-error")).containsText("not your current password");
        elsewhere.navigate("/inbox");
        assertThat(elsewhere).hasURL(Pattern.compile(".*/inbox$"));

        page.getByLabel("Current password").fill(PASSWORD);
        page.getByLabel("New password (12 characters or more)").fill("a brand new passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Password changed. Your other sessions have ended.");
        page.navigate("/inbox");
        assertThat(page).hasURL(Pattern.compile(".*/inbox$"));
        elsewhere.navigate("/inbox");
        assertThat(elsewhere).hasURL(Pattern.compile(".*/login$"));
    }

    @Test
    void a_person_names_themselves_for_customers() {
        login(AGENT);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(AGENT)).click();

        page.getByLabel("Name on your replies").fill("Aggie <script>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save name")).click();
        assertThat(page.locator("#displayName-error")).containsText("< >");

        page.getByLabel("Name on your replies").fill("Aggie from Support");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save name")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Aggie from Support");
        org.assertj.core.api.Assertions.assertThat(users.find(AGENT).orElseThrow().displayName()).isEqualTo("Aggie from Support");
        // the people are shared by every browser test
        jdbc.sql("UPDATE users SET display_name = NULL WHERE username = :u").param("u", AGENT).update();
    }

    @Test
    void a_disabled_persons_open_page_goes_to_the_login_on_their_next_step() {
        users.create("dora", PASSWORD, Role.AGENT, null);
        login("dora");
        page.navigate("/inbox");
        assertThat(page).hasURL(Pattern.compile(".*/inbox$"));

        jdbc.sql("UPDATE users SET disabled_at = now() WHERE username = 'dora'").update();
        page.reload();

        assertThat(page).hasURL(Pattern.compile(".*/login$"));
    }
}
