package dev.switchboard.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.switchboard.support.FormLogin;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may open which page, and what people see when something is refused or missing: plain HTTP, no browser. */
@IntegrationTest
class PageAccessTest {

    static final String PASSWORD = "correct horse battery staple";
    static final List<String> VIEWER_PAGES = List.of("/", "/dashboard/tiles", "/dashboard/chart", "/deliveries", "/account", "/alerts");
    static final List<String> AGENT_PAGES = List.of("/inbox", "/inbox/list");
    static final List<String> ADMIN_PAGES = List.of("/settings", "/settings/sla", "/users", "/tokens", "/client-errors");

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    String base;

    @BeforeEach
    void people() {
        base = "http://127.0.0.1:" + port;
        users.create("access-viewer", PASSWORD, Role.VIEWER, null);
        users.create("access-agent", PASSWORD, Role.AGENT, null);
        users.create("access-admin", PASSWORD, Role.ADMIN, null);
    }

    @Test
    void each_role_opens_its_pages_and_is_refused_the_others() {
        HttpClient viewer = loggedIn("access-viewer");
        HttpClient agent = loggedIn("access-agent");
        HttpClient admin = loggedIn("access-admin");

        for (String page : VIEWER_PAGES) {
            assertThat(get(viewer, page).statusCode()).as("viewer " + page).isEqualTo(200);
        }
        for (String page : AGENT_PAGES) {
            assertThat(get(viewer, page).statusCode()).as("viewer " + page).isEqualTo(403);
            assertThat(get(agent, page).statusCode()).as("agent " + page).isEqualTo(200);
        }
        for (String page : ADMIN_PAGES) {
            assertThat(get(viewer, page).statusCode()).as("viewer " + page).isEqualTo(403);
            assertThat(get(agent, page).statusCode()).as("agent " + page).isEqualTo(403);
            assertThat(get(admin, page).statusCode()).as("admin " + page).isEqualTo(200);
        }
    }

    @Test
    void without_a_session_pages_go_to_the_login_and_htmx_calls_are_told_to_go_there() {
        HttpClient anonymous = FormLogin.browser();

        for (String page : List.of("/", "/deliveries", "/inbox", "/settings")) {
            HttpResponse<String> response = get(anonymous, page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
        }
        HttpResponse<String> tiles = send(anonymous, HttpRequest.newBuilder(URI.create(base + "/dashboard/tiles"))
                .header("HX-Request", "true"));
        assertThat(tiles.statusCode()).isEqualTo(401);
        assertThat(tiles.headers().firstValue("HX-Redirect")).hasValue("/login");
        assertThat(get(anonymous, "/portal").statusCode()).isEqualTo(200);
    }

    @Test
    void a_form_posted_after_the_session_ended_goes_back_to_the_login() {
        HttpClient anonymous = FormLogin.browser();

        HttpResponse<String> response = send(anonymous, HttpRequest.newBuilder(URI.create(base + "/settings"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("supportEmail=a%40example.com&queryTypes=Billing&_csrf=stale")));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login?expired");
        assertThat(get(anonymous, "/login?expired").body()).contains("Your session had ended");
    }

    @Test
    void a_form_posted_from_an_out_of_date_page_is_asked_to_reload() {
        HttpClient admin = loggedIn("access-admin");

        HttpResponse<String> response = send(admin, HttpRequest.newBuilder(URI.create(base + "/settings"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("supportEmail=a%40example.com&queryTypes=Billing&_csrf=stale")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Please reload the page").doesNotContain("Exception");
    }

    @Test
    void missing_and_malformed_addresses_get_a_page_in_words_without_a_stack_trace() {
        HttpClient viewer = loggedIn("access-viewer");

        HttpResponse<String> missing = get(viewer, "/deliveries/0190c3f0-0000-7000-8000-000000000000");
        HttpResponse<String> malformed = get(viewer, "/deliveries/not-an-id");
        HttpResponse<String> nowhere = send(loggedIn("access-admin"), HttpRequest.newBuilder(URI.create(base + "/no-such-page"))
                .header("Accept", "text/html"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No delivery with id 0190c3f0-0000-7000-8000-000000000000.");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("a value the page does not understand");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("There is nothing at this address.");
        for (var response : List.of(missing, malformed, nowhere)) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.switchboard");
        }
    }

    @Test
    void a_refused_htmx_call_is_answered_with_a_message_for_the_page() {
        HttpClient viewer = loggedIn("access-viewer");
        String csrf = FormLogin.csrfOf(get(viewer, "/deliveries").body());

        HttpResponse<String> response = send(viewer, HttpRequest.newBuilder(URI.create(base
                        + "/deliveries/0190c3f0-0000-7000-8000-000000000000/replay"))
                .header("HX-Request", "true").header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("HX-Retarget")).hasValue("#flash");
        assertThat(response.body()).contains("Your role does not allow this.");
    }

    @Test
    void the_pages_stylesheet_and_script_are_versioned_and_kept_by_browsers() {
        String page = get(FormLogin.browser(), "/login").body();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/assets/css/app-[0-9a-f]{32}\\.css)\"").matcher(page);

        assertThat(css.find()).as("a content-hashed stylesheet address in " + page).isTrue();
        HttpResponse<String> stylesheet = get(FormLogin.browser(), css.group(1));
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Cache-Control").orElse("")).contains("max-age=604800");
        assertThat(page).containsPattern("src=\"/assets/js/app-[0-9a-f]{32}\\.js\"");
    }

    private HttpClient loggedIn(String username) {
        HttpClient browser = FormLogin.browser();
        assertThat(FormLogin.logIn(browser, base, username, PASSWORD)).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> get(HttpClient client, String path) {
        return send(client, HttpRequest.newBuilder(URI.create(base + path)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
