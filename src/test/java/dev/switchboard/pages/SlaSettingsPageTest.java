package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SLA page: a broken edit refused in words with the text kept, a good one saved, holidays imported from a file. */
@IntegrationTest
class SlaSettingsPageTest extends BrowserTestSupport {

    @BeforeEach
    @AfterEach
    void defaultConfiguration() {
        jdbc.sql("TRUNCATE sla_config_versions").update();
    }

    @Test
    void an_admin_fixes_a_refused_edit_saves_it_and_imports_holidays() throws Exception {
        login(ADMIN);
        page.navigate("/settings");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SLA policies and calendars")).click();
        assertEveryFieldIsLabelled(page);

        String defaults = page.locator("#config").inputValue();
        page.locator("#config").fill(defaults.replace("\"15m\"", "\"soon\""));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new version")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Nothing was saved");
        assertThat(page.locator("#config-error")).containsText("policies[0].firstResponse.within");
        org.assertj.core.api.Assertions.assertThat(page.locator("#config").inputValue()).contains("\"soon\"");

        page.locator("#config").fill(defaults.replace("\"15m\"", "\"30m\""));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new version")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved as version 1");
        assertThat(page.locator("table")).containsText("policy default changed");

        page.getByLabel("iCalendar file (.ics): all-day events, several days, yearly events (three years ahead)")
                .setInputFiles(Path.of(getClass().getResource("/sla/holidays.ics").toURI()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import as a new version")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("7 holidays read, 7 new to business; saved as version 2.");
        org.assertj.core.api.Assertions.assertThat(page.locator("#config").inputValue()).contains("Christmas Day");
    }
}
