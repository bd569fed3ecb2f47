package dev.switchboard.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.monitor.SharedReadings;
import dev.switchboard.support.MutableClock;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh browser context per test (its own cookies, Tokyo time, a British English locale), the
 * people who log in, known settings, and a screenshot of where each test ended in
 * {@code target/screenshots}. A test fails if a page threw a script error or the Content Security
 * Policy refused something the pages themselves asked for.
 */
abstract class BrowserTestSupport {

    static final String PASSWORD = "correct horse battery staple";
    static final String ADMIN = "ada";
    static final String AGENT = "aggie";
    static final String VIEWER = "vic";
    static final String ZONE = "Asia/Tokyo";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    SystemSettings settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationContext application;

    BrowserContext context;
    Page page;
    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> scriptProblems = new ArrayList<>();
    final List<String> expectedScriptErrors = new ArrayList<>();
    private String screenshotName;

    @BeforeEach
    void browserAndPeople(TestInfo test) {
        screenshotName = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
        clock.set(Instant.parse("2026-07-20T10:00:00Z"));
        SharedReadings.forget(application);
        users.create(ADMIN, PASSWORD, Role.ADMIN, "ada@example.com");
        users.create(AGENT, PASSWORD, Role.AGENT, "aggie@example.com");
        users.create(VIEWER, PASSWORD, Role.VIEWER, null);
        settings.update(new Settings("support@example.com", "447700900123", "http://127.0.0.1:" + port, true,
                List.of("Billing", "Technical problem")), "test");
        context = newContext(1280, 900);
        page = context.newPage();
    }

    BrowserContext newContext(int width, int height) {
        Browser browser = Browsers.chromium();
        BrowserContext created = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port)
                .setTimezoneId(ZONE)
                .setLocale("en-GB")
                .setViewportSize(width, height));
        created.setDefaultTimeout(10_000);
        contexts.add(created);
        created.onPage(p -> {
            p.onPageError(error -> {
                if (expectedScriptErrors.stream().noneMatch(error::contains)) {
                    scriptProblems.add("page error: " + error);
                }
            });
            p.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && message.text().contains("Content Security Policy")) {
                    scriptProblems.add("CSP: " + message.text());
                }
            });
        });
        return created;
    }

    @AfterEach
    void screenshotAndClose() {
        try {
            int n = 0;
            for (BrowserContext open : contexts) {
                for (Page shown : open.pages()) {
                    shown.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(SCREENSHOTS.resolve(screenshotName + (n == 0 ? "" : "-" + n) + ".png")));
                    n++;
                }
            }
        } finally {
            contexts.forEach(BrowserContext::close);
        }
        assertThat(scriptProblems).as("script errors and CSP refusals in the pages").isEmpty();
    }

    Page login(String username) {
        return login(page, username);
    }

    static Page login(Page page, String username) {
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForURL("**/");
        return page;
    }

    /** Every visible input, select and text area on the page has a label or an accessible name. */
    static void assertEveryFieldIsLabelled(Page page) {
        Object unlabelled = page.evaluate("""
                () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(el => el.offsetParent !== null || el.type === 'radio')
                  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
                  .map(el => el.name || el.id)""");
        assertThat((List<?>) unlabelled).as("fields without a label on " + page.url()).isEmpty();
    }

    /** Nothing is wider than the screen: no sideways scrolling on a phone. */
    static void assertNoSidewaysScrolling(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways overflow on " + page.url()).isLessThanOrEqualTo(0);
    }
}
