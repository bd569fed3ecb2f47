package dev.switchboard.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

/**
 * One headless Debian Chromium for the whole test run, driven by Playwright (which downloads no browser
 * of its own). Without Chromium the browser tests are skipped with a message, except on CI, where
 * {@code .ci/run} installs it and its absence is a failure.
 */
final class Browsers {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SWITCHBOARD_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static Browser browser;

    private Browsers() {
    }

    static synchronized Browser chromium() {
        if (browser != null) {
            return browser;
        }
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "No Chromium at " + CHROMIUM + ": install it (apt-get install -y chromium) to run the browser tests";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage")));
        Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "playwright-close"));
        return browser;
    }
}
