package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.switchboard.web.Role;
import dev.switchboard.support.FormLogin;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An open session follows its user: disabled, removed or given a new password, the user's sessions end on
 * their next request; demoted or promoted, the next request is judged by the new role. Pages and API alike.
 */
@IntegrationTest
class SessionsFollowUsersTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "another horse, another staple";

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;
    HttpTestClient http;
    String admin;
    String username;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        admin = tokens.issue("sessions-admin", Role.ADMIN, "test").token();
        username = "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_disabled_users_open_sessions_end_on_their_next_page_load_and_api_call() {
        users.create(username, PASSWORD, Role.AGENT, null);
        HttpClient pages = loggedIn(PASSWORD);
        HttpClient api = loggedIn(PASSWORD);
        assertThat(get(pages, "/inbox").statusCode()).isEqualTo(200);
        assertThat(get(api, "/api/support/threads").statusCode()).isEqualTo(200);

        http.putJson("/api/users/" + username, admin, "{\"role\":\"AGENT\",\"disabled\":true}");

        assertThat(get(pages, "/inbox").statusCode()).isEqualTo(302);
        assertThat(get(pages, "/inbox").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(get(api, "/api/support/threads").statusCode()).isEqualTo(401);
        http.putJson("/api/users/" + username, admin, "{\"role\":\"AGENT\",\"disabled\":false}");
        assertThat(get(api, "/api/support/threads").statusCode()).as("an ended session stays ended").isEqualTo(401);
    }

    @Test
    void a_demoted_users_next_request_is_judged_by_the_new_role_and_a_promoted_ones_too() {
        users.create(username, PASSWORD, Role.ADMIN, null);
        HttpClient browser = loggedIn(PASSWORD);
        assertThat(get(browser, "/settings").statusCode()).isEqualTo(200);
        assertThat(get(browser, "/api/users").statusCode()).isEqualTo(200);

        http.putJson("/api/users/" + username, admin, "{\"role\":\"VIEWER\"}");

        assertThat(get(browser, "/settings").statusCode()).isEqualTo(403);
        assertThat(get(browser, "/api/users").statusCode()).isEqualTo(403);
        assertThat(get(browser, "/inbox").statusCode()).isEqualTo(403);
        assertThat(get(browser, "/").statusCode()).as("still logged in, as a viewer").isEqualTo(200);
        assertThat(get(browser, "/").body()).contains("viewer");

        http.putJson("/api/users/" + username, admin, "{\"role\":\"AGENT\"}");

        assertThat(get(browser, "/inbox").statusCode()).isEqualTo(200);
        assertThat(get(browser, "/settings").statusCode()).isEqualTo(403);
    }

    @Test
    void a_change_made_through_another_node_is_seen_as_the_database_has_it() {
        users.create(username, PASSWORD, Role.AGENT, null);
        HttpClient browser = loggedIn(PASSWORD);
        assertThat(get(browser, "/inbox").statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE users SET role = 'VIEWER' WHERE username = :u").param("u", username).update();
        assertThat(get(browser, "/inbox").statusCode()).isEqualTo(403);

        jdbc.sql("DELETE FROM users WHERE username = :u").param("u", username).update();
        assertThat(get(browser, "/").statusCode()).isEqualTo(302);
        assertThat(get(browser, "/api/support/health").statusCode()).isEqualTo(401);
    }

    @Test
    void a_password_set_by_an_admin_ends_every_session_of_that_user() {
        users.create(username, PASSWORD, Role.AGENT, null);
        HttpClient first = loggedIn(PASSWORD);
        HttpClient second = loggedIn(PASSWORD);
        assertThat(get(first, "/inbox").statusCode()).isEqualTo(200);

        var set = http.putJson("/api/users/" + username + "/password", admin, "{\"password\":\"" + NEW_PASSWORD + "\"}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(get(first, "/inbox").statusCode()).isEqualTo(302);
        assertThat(get(second, "/api/support/threads").statusCode()).isEqualTo(401);
        assertThat(FormLogin.logIn(FormLogin.browser(), http.base(), username, PASSWORD)).contains("error");
        assertThat(FormLogin.logIn(FormLogin.browser(), http.base(), username, NEW_PASSWORD)).doesNotContain("error");
    }

    @Test
    void changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one() throws Exception {
        users.create(username, PASSWORD, Role.AGENT, null);
        HttpClient here = loggedIn(PASSWORD);
        HttpClient elsewhere = loggedIn(PASSWORD);

        var wrong = putWithCsrf(here, "/api/account/password",
                "{\"currentPassword\":\"not it at all\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(get(elsewhere, "/inbox").statusCode()).as("a refused change ends nothing").isEqualTo(200);

        var changed = putWithCsrf(here, "/api/account/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(get(here, "/inbox").statusCode()).isEqualTo(200);
        assertThat(get(here, "/api/account").statusCode()).isEqualTo(200);
        assertThat(get(elsewhere, "/inbox").statusCode()).isEqualTo(302);
        assertThat(get(elsewhere, "/api/account").statusCode()).isEqualTo(401);
    }

    @Test
    void an_api_token_has_no_account_to_change() {
        var response = http.putJson("/api/account/password", admin, "{\"currentPassword\":\"x\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_authorization_header_that_is_no_valid_token_is_a_401_and_never_falls_back_to_the_session() throws Exception {
        users.create(username, PASSWORD, Role.ADMIN, null);
        HttpClient browser = loggedIn(PASSWORD);
        String change = "{\"role\":\"VIEWER\"}";
        users.create(username + "-x", PASSWORD, Role.AGENT, null);
        URI target = URI.create(http.base() + "/api/users/" + username + "-x");

        for (String header : new String[] {"Bearer nonsense", "Bearer sb_aaaaaaaaaaaa_forged", "Basic YWRtaW46YWRtaW4=", "Token x", ""}) {
            var forged = browser.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                    .header("Authorization", header).PUT(HttpRequest.BodyPublishers.ofString(change)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as(header).isEqualTo(401);
            assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(users.view(username + "-x")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.AGENT));

        var byToken = browser.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin).PUT(HttpRequest.BodyPublishers.ofString(change)).build(),
                HttpResponse.BodyHandlers.ofString());
        var bySessionWithoutCsrf = browser.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"ADMIN\"}")).build(), HttpResponse.BodyHandlers.ofString());
        var bySession = putWithCsrf(browser, "/api/users/" + username + "-x", "{\"role\":\"ADMIN\"}");

        assertThat(byToken.statusCode()).as("a valid token acts without CSRF").isEqualTo(200);
        assertThat(bySessionWithoutCsrf.statusCode()).isEqualTo(403);
        assertThat(bySession.statusCode()).isEqualTo(200);
        assertThat(users.view(username + "-x")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void an_admin_cannot_take_away_their_own_admin_role_through_the_api_either() throws Exception {
        users.create(username, PASSWORD, Role.ADMIN, null);
        HttpClient browser = loggedIn(PASSWORD);

        var refused = putWithCsrf(browser, "/api/users/" + username, "{\"role\":\"AGENT\"}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(users.view(username)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
        assertThat(putWithCsrf(browser, "/api/users/" + username, "{\"role\":\"ADMIN\",\"email\":\"me@example.com\"}").statusCode())
                .isEqualTo(200);
    }

    private HttpClient loggedIn(String password) {
        HttpClient browser = FormLogin.browser();
        assertThat(FormLogin.logIn(browser, http.base(), username, password)).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> get(HttpClient browser, String path) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create(http.base() + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> putWithCsrf(HttpClient browser, String path, String json) throws Exception {
        return browser.send(FormLogin.apiCall(browser, http.base(), path).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
