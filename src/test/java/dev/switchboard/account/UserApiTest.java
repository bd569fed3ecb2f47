package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.switchboard.web.Role;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** ADMIN manages the people who log in: created once, never shown a hash, disabled rather than deleted. */
@IntegrationTest
class UserApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Users users;
    HttpTestClient http;
    String admin;
    String username;

    @BeforeEach
    void adminToken() {
        http = new HttpTestClient(port);
        admin = tokens.issue("users-admin", Role.ADMIN, "test").token();
        username = "maria-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_user_is_created_once_with_role_and_email_and_no_hash_is_ever_shown() {
        String body = "{\"username\":\"" + username + "\",\"password\":\"a long enough secret\",\"role\":\"AGENT\",\"email\":\"m@example.com\"}";

        var created = http.postJson("/api/users", admin, body);
        var again = http.postJson("/api/users", admin, body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("role").asString()).isEqualTo("AGENT");
        assertThat(created.json().path("email").asString()).isEqualTo("m@example.com");
        assertThat(again.status()).isEqualTo(409);
        assertThat(http.get("/api/users", admin).body()).contains(username).doesNotContain("password").doesNotContain("{bcrypt}");
        assertThat(users.find(username)).hasValueSatisfying(member -> assertThat(member.email()).isEqualTo("m@example.com"));
    }

    @Test
    void a_short_password_or_a_bad_name_is_refused_and_nobody_is_created() {
        var shortPassword = http.postJson("/api/users", admin,
                "{\"username\":\"" + username + "\",\"password\":\"short\",\"role\":\"AGENT\"}");
        var badName = http.postJson("/api/users", admin,
                "{\"username\":\"<b>x</b>\",\"password\":\"a long enough secret\",\"role\":\"AGENT\"}");

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(users.view(username)).isEmpty();
    }

    @Test
    void a_disabled_user_is_no_longer_active_staff() {
        users.create(username, "a long enough secret", Role.AGENT, null);

        var changed = http.putJson("/api/users/" + username, admin, "{\"role\":\"VIEWER\",\"disabled\":true}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("role").asString()).isEqualTo("VIEWER");
        assertThat(changed.json().path("disabled").asBoolean()).isTrue();
        assertThat(users.find(username)).isEmpty();
        assertThat(http.putJson("/api/users/nobody-" + username, admin, "{\"role\":\"AGENT\"}").status()).isEqualTo(404);
    }
}
