package dev.switchboard.thread;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/support/public}: what the portal's customers use, without an account. Raising a query is
 * rate-limited per client address; a link's token is the only key to its thread.
 */
@RestController
@RequestMapping("/api/support/public")
class PublicSupportController {

    /** What the WhatsApp chat opens with when the customer has no thread yet. */
    static final String WHATSAPP_GREETING = "Hello, I have a question: ";

    private final Threads threads;
    private final CustomerLinks links;
    private final SystemSettings settings;
    private final RaiseLimit raising;

    PublicSupportController(Threads threads, CustomerLinks links, SystemSettings settings, RaiseLimit raising) {
        this.threads = threads;
        this.links = links;
        this.settings = settings;
        this.raising = raising;
    }

    @GetMapping("/config")
    PortalConfig config() {
        Settings current = settings.current();
        return new PortalConfig(current.supportEmail(), current.whatsappBubble() ? current.whatsappNumber() : null,
                current.whatsappBubble() && current.whatsappNumber() != null,
                current.whatsappLink(WHATSAPP_GREETING).orElse(null), current.queryTypes(),
                List.of(Priority.values()));
    }

    @PostMapping("/threads")
    ResponseEntity<RaisedQuery> raise(@Valid @RequestBody QueryForm form, HttpServletRequest request) {
        raising.take(request);
        Threads.Raised raised = threads.raise(form);
        return ResponseEntity.status(HttpStatus.CREATED).body(new RaisedQuery(raised.code(), raised.link().token(),
                raised.link().url(), raised.link().expiresAt()));
    }

    @GetMapping("/links/{token}")
    Threads.CustomerThreadView thread(@PathVariable String token, HttpServletRequest request) {
        return threads.customerView(links.use(token, request.getRemoteAddr()));
    }

    @PostMapping("/links/{token}/messages")
    ResponseEntity<Threads.CustomerThreadView> reply(@PathVariable String token, @Valid @RequestBody CustomerReply reply,
                                                     HttpServletRequest request) {
        var link = links.use(token, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(threads.customerReply(link, reply.body().strip()));
    }


    /** What the portal needs to draw its form and the WhatsApp bubble. */
    record PortalConfig(String supportEmail, String whatsappNumber, boolean whatsappBubble, URI whatsappLink,
                        List<String> queryTypes, List<Priority> priorities) {
    }

    /** A query as the portal form or the API sends it; the same rules check both. */
    record QueryForm(
            @NotBlank @Size(max = 60) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE) String queryType,
            @NotNull Priority priority,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE) String subject,
            @NotBlank @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.BODY, message = TextRules.BODY_MESSAGE) String message,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE) String name,
            @NotBlank @Size(max = 254) @Email(regexp = "[^<>\\p{Cntrl}]+", message = "must be an email address, such as you@example.com") String email,
            @Size(max = 40) @Pattern(regexp = TextRules.PHONE, message = "may hold only digits, spaces and + ( ) . / -") String phone,
            @Size(max = 100) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE) String reference) {
    }

    /** The code and the customer's link; the token is shown here once. */
    record RaisedQuery(String code, String linkToken, String linkUrl, Instant linkExpiresAt) {
    }

    record CustomerReply(
            @NotBlank @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.BODY, message = TextRules.BODY_MESSAGE) String body) {
    }
}
