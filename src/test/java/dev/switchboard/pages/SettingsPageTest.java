package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class SettingsPageTest extends BrowserTestSupport {

    @Test
    void a_wrong_whatsapp_number_is_flagged_as_typed_and_refused_beside_the_field_changing_nothing() {
        login(ADMIN);
        page.navigate("/settings");
        Locator number = page.getByLabel("WhatsApp number");

        number.fill("");
        number.pressSequentially("+44 7700");
        assertThat(page.locator("#whatsappNumber-live")).containsText("8 to 15 digits");
        page.getByLabel("Support email").fill("help@example.org");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();

        assertThat(page.locator("#whatsappNumber-error")).containsText("8 to 15 digits");
        assertThat(number).hasAttribute("aria-invalid", "true");
        assertThat(number).hasValue("+44 7700");
        assertThat(page.getByLabel("Support email")).hasValue("help@example.org");
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Nothing was saved");
        org.assertj.core.api.Assertions.assertThat(settings.current().whatsappNumber()).isEqualTo("447700900123");
        org.assertj.core.api.Assertions.assertThat(settings.current().supportEmail()).isEqualTo("support@example.com");
    }

    @Test
    void saved_settings_reach_the_portal() {
        login(ADMIN);
        page.navigate("/settings");
        page.getByLabel("WhatsApp number").fill("447700900999");
        assertThat(page.locator("#whatsappNumber-live")).isEmpty();
        page.getByLabel("Query types").fill("Billing\nDelivery\nReturns");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.locator("table")).containsText("whatsappNumber");
        page.navigate("/portal");
        assertThat(page.locator(".whatsapp-bubble")).hasAttribute("href",
                java.util.regex.Pattern.compile("^https://wa\\.me/447700900999\\?text="));
        assertThat(page.getByLabel("What is it about?").locator("option")).hasText(new String[] {"Billing", "Delivery", "Returns"});
    }

    @Test
    void an_admin_adds_a_user_and_sees_a_token_once() {
        login(ADMIN);
        page.navigate("/users");
        page.getByLabel("Username").fill("newcomer");
        page.getByLabel("Password (12 characters or more)").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
        assertThat(page.locator("#password-error")).containsText("12 to 200 characters");

        page.getByLabel("Password (12 characters or more)").fill("a long enough password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("User newcomer created.");
        assertThat(page.locator("[data-user=newcomer]")).isVisible();

        page.navigate("/tokens");
        page.getByLabel("Name (what uses it)").fill("made-on-the-page");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String token = page.locator("#issued-token").inputValue();
        org.assertj.core.api.Assertions.assertThat(token).startsWith("sb_");
        page.navigate("/tokens");
        assertThat(page.locator("body")).not().containsText(token);
        assertThat(page.locator("[data-token=made-on-the-page]")).isVisible();
    }
}
