package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The triage rules page: try a sample against the rules being edited, save, and a broken edit refused in words. */
@IntegrationTest
class TriageRulesPageTest extends BrowserTestSupport {

    @BeforeEach
    void defaultRules() {
        jdbc.sql("TRUNCATE triage_rule_versions").update();
    }

    @Test
    void an_admin_tries_a_sample_with_the_edited_rules_and_saves_them_as_a_new_version() {
        login(ADMIN);
        page.navigate("/settings");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Triage rules")).click();
        assertEveryFieldIsLabelled(page);

        page.getByLabel("A customer's message").fill("I want to speak to a manager about my refund!!!");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Classify (stores nothing)")).click();
        assertThat(page.locator("#try-facts")).containsText("refund");
        assertThat(page.locator("#try-facts")).containsText("human-requested");

        String edited = page.getByLabel("Rules (JSON), version 0 (the defaults)").inputValue()
                .replace("\"minimumScore\" : 1.0", "\"minimumScore\" : 2.0");
        page.locator("#rules").fill(edited);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new version")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved as version 1.");
        assertThat(page.locator("table")).containsText("minimumScore 1.0 → 2.0");
        assertThat(page.locator("table")).containsText(ADMIN);
    }

    @Test
    void a_broken_edit_is_refused_with_the_problem_and_the_text_kept() {
        login(ADMIN);
        page.navigate("/settings/triage");
        String broken = page.locator("#rules").inputValue().replaceFirst("\"regex\" : \"[^\"]*\"", "\"regex\" : \"(unclosed\"");
        page.locator("#rules").fill(broken);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new version")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Nothing was saved");
        assertThat(page.locator("#rules-error")).containsText("not a regular expression");
        org.assertj.core.api.Assertions.assertThat(page.locator("#rules").inputValue()).contains("(unclosed");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM triage_rule_versions").query(Long.class).single()).isZero();
    }
}
