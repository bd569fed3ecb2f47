package dev.switchboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs in through the login form as a browser would (the form's CSRF token, then the session cookie),
 * for tests that check what a person's session may do without driving a browser.
 */
public final class FormLogin {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private FormLogin() {
    }

    /** A client with its own cookies, not logged in. */
    public static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    /** @return where the login sent the browser: {@code /login?error} when refused */
    public static String logIn(HttpClient browser, String base, String username, String password) {
        try {
            String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF_FIELD.matcher(page);
            if (!csrf.find()) {
                throw new IllegalStateException("the login form has no CSRF token");
            }
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 302) {
                throw new IllegalStateException("the login answered " + response.statusCode());
            }
            return response.headers().firstValue("Location").orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request a logged-in page would make to the API: JSON, with the session's CSRF token from
     * {@code /api/csrf} in its header.
     */
    public static HttpRequest.Builder apiCall(HttpClient browser, String base, String path) {
        try {
            String csrf = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/csrf")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher header = Pattern.compile("\"headerName\":\"([^\"]+)\"").matcher(csrf);
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(csrf);
            if (!header.find() || !token.find()) {
                throw new IllegalStateException("/api/csrf gave no token: " + csrf);
            }
            return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header(header.group(1), token.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CSRF token a page carries in its {@code <meta name="_csrf">}. */
    public static String csrfOf(String page) {
        Matcher meta = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        if (!meta.find()) {
            throw new IllegalStateException("the page has no CSRF token");
        }
        return meta.group(1);
    }
}
