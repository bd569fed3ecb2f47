package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.switchboard.settings.Settings;
import dev.switchboard.support.FormLogin;
import dev.switchboard.support.IntegrationTest;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One rule wherever the customer looks (the link's thread and the emailed reply): a staff member's display
 * name when set, else the team's name. Never a username, never an API token's name.
 */
@IntegrationTest
class CustomerFacingNamesTest extends ThreadTestSupport {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    Users users;

    @Test
    void a_reply_made_with_an_api_token_reaches_the_customer_as_the_team() {
        Raised raised = raise("Token reply", "hello");
        clock.advance(Duration.ofMinutes(1));

        post(raised.id(), "EXTERNAL", "We are on it.");

        assertThat(customerAuthors(raised)).containsExactly("Ana Pérez", "Support team");
        assertThat(staffReplyEmail()).contains("Support team replied to your query " + raised.code())
                .doesNotContain("token:").contains("-- \nSupport team, " + raised.code());
        assertThat(thread(raised.id()).path("messages").findValuesAsString("authorName")).contains("token:agent");
    }

    @Test
    void a_staff_member_with_a_display_name_is_known_by_it_and_not_by_their_username() throws Exception {
        users.create("maria-g", PASSWORD, Role.AGENT, null);
        http.putJson("/api/users/maria-g", admin, "{\"role\":\"AGENT\",\"displayName\":\"Maria from Billing\"}");
        Raised raised = raise("Named reply", "hello");
        clock.advance(Duration.ofMinutes(1));

        replyAs("maria-g", raised, "Fixed it for you.");

        assertThat(customerAuthors(raised)).containsExactly("Ana Pérez", "Maria from Billing");
        assertThat(staffReplyEmail()).contains("Maria from Billing replied to your query").doesNotContain("maria-g");
    }

    @Test
    void a_staff_member_without_one_is_known_by_the_teams_configured_name() throws Exception {
        users.create("plain-pat", PASSWORD, Role.AGENT, null);
        settings.update(new Settings("support@example.com", null, null, false, List.of("Billing"), "Acme Care"), "test");
        Raised raised = raise("Team reply", "hello");
        clock.advance(Duration.ofMinutes(1));

        replyAs("plain-pat", raised, "Looking into it.");

        assertThat(customerAuthors(raised)).containsExactly("Ana Pérez", "Acme Care");
        assertThat(staffReplyEmail()).contains("Acme Care replied to your query").contains("Acme Care, " + raised.code())
                .doesNotContain("plain-pat");
    }

    @Test
    void the_team_name_is_a_setting_checked_like_the_others() {
        var refused = http.putJson("/api/settings", admin, """
                {"supportEmail":"","whatsappNumber":"","portalBaseUrl":"","whatsappBubble":false,"queryTypes":["Billing"],
                 "teamName":"<b>Acme</b>"}""");
        var saved = http.putJson("/api/settings", admin, """
                {"supportEmail":"","whatsappNumber":"","portalBaseUrl":"","whatsappBubble":false,"queryTypes":["Billing"],
                 "teamName":"Acme Care"}""");
        var leftOut = http.putJson("/api/settings", admin, """
                {"supportEmail":"","whatsappNumber":"","portalBaseUrl":"","whatsappBubble":false,"queryTypes":["Billing"]}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("teamName");
        assertThat(saved.json().path("teamName").asString()).isEqualTo("Acme Care");
        assertThat(leftOut.json().path("teamName").asString()).isEqualTo("Support team");
    }

    private List<String> customerAuthors(Raised raised) {
        return http.get("/api/support/public/links/" + raised.link(), null).json().path("messages").findValuesAsString("author");
    }

    private String staffReplyEmail() {
        return jdbc.sql("SELECT text_body || html_body FROM emails WHERE kind = 'staff-reply'").query(String.class).single();
    }

    private void replyAs(String username, Raised raised, String body) throws Exception {
        HttpClient browser = FormLogin.browser();
        assertThat(FormLogin.logIn(browser, http.base(), username, PASSWORD)).doesNotContain("error");
        var response = browser.send(FormLogin.apiCall(browser, http.base(), "/api/support/threads/" + raised.id() + "/messages")
                .POST(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"EXTERNAL\",\"body\":\"" + body + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }
}
