package dev.switchboard.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The time zone of the person looking at a page, which the pages' script keeps in the {@code tz}
 * cookie; UTC until the browser has said. Times are written in it on the server (and again by the
 * script, so a first visit shows local times too); "today" and time-range filters are read in it.
 */
public final class ViewerZone {

    static final String COOKIE = "tz";

    private ViewerZone() {
    }

    public static ZoneId of(HttpServletRequest request) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 64) {
                    try {
                        return ZoneId.of(java.net.URLDecoder.decode(cookie.getValue(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (DateTimeException | IllegalArgumentException e) {
                        return ZoneOffset.UTC;
                    }
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
