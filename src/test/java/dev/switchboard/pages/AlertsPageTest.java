package dev.switchboard.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Timestamp;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alerts page: every rule as it stands, the alerts; an agent acknowledges an open one, a viewer only reads. */
@IntegrationTest
class AlertsPageTest extends BrowserTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    private UUID open;

    /** The evaluator would resolve the alert made by hand (nothing in this context fires it): it waits. */
    @BeforeEach
    void anOpenP0() {
        ((org.springframework.context.SmartLifecycle) context.getBean("alertEvaluator")).stop();
        jdbc.sql("TRUNCATE alerts CASCADE").update();
        open = UUID.randomUUID();
        // opened as the evaluator opens one: the page reads what the table holds
        jdbc.sql("""
                INSERT INTO alerts (id, rule, severity, title, state, opened_at, opened_value, opened_detail, last_value, last_detail,
                                    last_evaluated_at)
                VALUES (:id, 'chatwoot-down', 'P0', 'Chatwoot is not answering', 'OPEN', :at, 3, '3 failed health probes in a row', 3,
                        '3 failed health probes in a row', :at)
                """).param("id", open).param("at", Timestamp.from(clock.instant())).update();
        jdbc.sql("INSERT INTO alert_history (alert_id, at, what, detail) VALUES (:id, :at, 'OPENED', '3 failed health probes in a row')")
                .param("id", open).param("at", Timestamp.from(clock.instant())).update();
    }

    @org.junit.jupiter.api.AfterEach
    void evaluatorRunsAgain() {
        ((org.springframework.context.SmartLifecycle) context.getBean("alertEvaluator")).start();
    }

    @Test
    void an_agent_opens_the_alert_from_the_list_and_acknowledges_it() {
        login(AGENT);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alerts").setExact(true)).click();
        assertThat(page.locator("#rules tr[data-rule='queue-waiting']")).isVisible();
        var row = page.locator("#alerts tr[data-rule='chatwoot-down']");
        assertThat(row).containsText("3 failed health probes in a row");
        assertEveryFieldIsLabelled(page);

        row.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Chatwoot is not answering")).click();
        assertThat(page.locator("#alert-state")).hasText("OPEN");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
        assertThat(page.locator("#alert-state")).hasText("ACKNOWLEDGED");
        assertThat(page.locator("#history li[data-what='ACKNOWLEDGED']")).containsText("by " + AGENT);
    }

    @Test
    void a_viewer_reads_the_alert_but_has_no_acknowledge_button() {
        login(VIEWER);
        page.navigate("/alerts/" + open);
        assertThat(page.locator("#alert-state")).hasText("OPEN");
        assertThat(page.locator("#history li[data-what='OPENED']")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge"))).hasCount(0);
    }
}
