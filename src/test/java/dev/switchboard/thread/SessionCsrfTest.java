package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.support.FormLogin;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pages call the API with the logged-in person's session: reading works, changing needs the CSRF token. */
@IntegrationTest
class SessionCsrfTest extends ThreadTestSupport {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    Users users;

    @Test
    void a_session_changes_things_only_with_its_csrf_token() throws Exception {
        users.create("session-agent", PASSWORD, Role.AGENT, null);
        Raised raised = raise("Session", "hello");
        HttpClient browser = FormLogin.browser();
        assertThat(FormLogin.logIn(browser, http.base(), "session-agent", PASSWORD)).doesNotContain("error");
        String note = "{\"visibility\":\"INTERNAL\",\"body\":\"from the page\"}";
        URI messages = URI.create(http.base() + "/api/support/threads/" + raised.id() + "/messages");

        var read = browser.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/support/threads")).build(),
                HttpResponse.BodyHandlers.ofString());
        var forged = browser.send(HttpRequest.newBuilder(messages).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(note)).build(), HttpResponse.BodyHandlers.ofString());
        var genuine = browser.send(FormLogin.apiCall(browser, http.base(), messages.getPath())
                .POST(HttpRequest.BodyPublishers.ofString(note)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("urn:switchboard:problem:csrf");
        assertThat(genuine.statusCode()).isEqualTo(201);
        assertThat(thread(raised.id()).path("messages").findValuesAsString("authorName")).contains("session-agent");
        assertThat(count("thread_messages WHERE body = 'from the page'")).isEqualTo(1);
    }
}
