package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The session cookie is HttpOnly and SameSite=Lax always, and Secure whenever the request came over TLS. */
class SessionCookieTest {

    static String sessionCookie(int port, String forwardedProto) {
        HttpTestClient http = new HttpTestClient(port);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + "/login"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request).headers().getOrDefault("set-cookie", java.util.List.of()).stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    @Nested
    @IntegrationTest
    class Direct {

        @LocalServerPort
        int port;

        @Test
        void the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_over_plain_http() {
            assertThat(sessionCookie(port, null)).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        }
    }

    @Nested
    @IntegrationTest
    @TestPropertySource(properties = "server.forward-headers-strategy=native")
    class BehindAProxy {

        @LocalServerPort
        int port;

        @Test
        void the_session_cookie_is_secure_when_the_proxy_says_the_request_came_over_tls() {
            assertThat(sessionCookie(port, "https")).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
            assertThat(sessionCookie(port, "http")).doesNotContain("Secure");
        }
    }
}
