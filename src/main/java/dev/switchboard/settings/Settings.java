package dev.switchboard.settings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The settings people change at run time.
 *
 * @param supportEmail   where new threads and unassigned customer replies are announced; null: nowhere
 * @param whatsappNumber digits only, 8 to 15, with the country code; null: no WhatsApp
 * @param portalBaseUrl  the absolute http(s) address customers reach the portal at, for links in emails
 * @param whatsappBubble whether the portal shows the WhatsApp bubble
 * @param queryTypes     the kinds of query a customer can raise, in the order offered
 * @param teamName       the name customers see on a staff reply whose author has no display name, and in emails
 */
public record Settings(String supportEmail, String whatsappNumber, String portalBaseUrl, boolean whatsappBubble,
                       List<String> queryTypes, String teamName) {

    public static final String DEFAULT_TEAM_NAME = "Support team";

    public Settings {
        queryTypes = List.copyOf(queryTypes);
    }

    /** Settings with the default team name. */
    public Settings(String supportEmail, String whatsappNumber, String portalBaseUrl, boolean whatsappBubble,
                    List<String> queryTypes) {
        this(supportEmail, whatsappNumber, portalBaseUrl, whatsappBubble, queryTypes, DEFAULT_TEAM_NAME);
    }

    /**
     * A click-to-chat link, {@code https://wa.me/<digits>?text=<text>}, when a number is set and the
     * bubble is on; the text is URL-encoded.
     */
    public Optional<URI> whatsappLink(String text) {
        if (whatsappNumber == null || !whatsappBubble) {
            return Optional.empty();
        }
        return Optional.of(URI.create("https://wa.me/" + whatsappNumber + "?text="
                + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    /** The portal address with {@code path} appended, when one is set. */
    public Optional<String> portalUrl(String path) {
        if (portalBaseUrl == null) {
            return Optional.empty();
        }
        String base = portalBaseUrl.endsWith("/") ? portalBaseUrl.substring(0, portalBaseUrl.length() - 1) : portalBaseUrl;
        return Optional.of(base + path);
    }
}
