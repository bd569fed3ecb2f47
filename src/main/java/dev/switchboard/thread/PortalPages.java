package dev.switchboard.thread;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.RateLimited;
import dev.switchboard.refusal.Refusal;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.web.FormChecks;
import dev.switchboard.web.PageController;
import dev.switchboard.web.Refusals;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The customer portal, without an account: raise a query, then follow it through the link, which shows
 * the replies (never a note) and takes the customer's answers when the link allows. The same rules,
 * rate limits and link checks as the public API apply; every problem is a page in plain words.
 */
@PageController
class PortalPages {

    private final Threads threads;
    private final CustomerLinks links;
    private final SystemSettings settings;
    private final RaiseLimit raising;
    private final FormChecks checks;

    PortalPages(Threads threads, CustomerLinks links, SystemSettings settings, RaiseLimit raising, FormChecks checks) {
        this.threads = threads;
        this.links = links;
        this.settings = settings;
        this.raising = raising;
        this.checks = checks;
    }

    @GetMapping("/portal")
    String form(Model model) {
        return raisePage(new PublicSupportController.QueryForm(null, Priority.MEDIUM, null, null, null, null, null, null), null,
                null, model);
    }

    @PostMapping("/portal")
    String raise(@ModelAttribute PublicSupportController.QueryForm form, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Map<String, String> errors = checks.problems(form);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return raisePage(form, errors, null, model);
        }
        Threads.Raised raised;
        try {
            raising.take(request);
            raised = threads.raise(form);
        } catch (Refusal problem) {
            response.setStatus(Refusals.status(problem).value());
            Map<String, String> fields = problem instanceof Invalid invalid ? invalid.fieldErrors() : Map.of();
            return raisePage(form, fields, fields.isEmpty() ? problem.getMessage() : null, model);
        }
        return "redirect:" + CustomerLinks.PORTAL_PATH + raised.link().token() + "?new";
    }

    @GetMapping(CustomerLinks.PORTAL_PATH + "{token}")
    String thread(@PathVariable String token, @RequestParam(name = "new", required = false) String justRaised,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Threads.CustomerThreadView view;
        try {
            view = threads.customerView(links.use(token, request.getRemoteAddr()));
        } catch (Refusal problem) {
            return unavailable(problem, response, model);
        }
        model.addAttribute("justRaised", justRaised != null);
        model.addAttribute("linkUrl", ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).toUriString());
        return threadPage(token, view, null, null, model);
    }

    @PostMapping(CustomerLinks.PORTAL_PATH + "{token}")
    String reply(@PathVariable String token, @RequestParam(defaultValue = "") String body, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        CustomerLinks.UsedLink link;
        try {
            link = links.use(token, request.getRemoteAddr());
        } catch (Refusal problem) {
            return unavailable(problem, response, model);
        }
        var reply = new PublicSupportController.CustomerReply(body.strip());
        Map<String, String> errors = checks.problems(reply);
        if (errors.isEmpty()) {
            try {
                threads.customerReply(link, reply.body());
                return "redirect:" + CustomerLinks.PORTAL_PATH + token + "#latest";
            } catch (Refusal problem) {
                errors = Map.of("body", problem.getMessage());
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return threadPage(token, threads.customerView(link), errors, body, model);
    }

    private String raisePage(PublicSupportController.QueryForm form, Map<String, String> errors, String problem, Model model) {
        Settings current = settings.current();
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("queryTypes", current.queryTypes());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("whatsapp", current.whatsappLink(PublicSupportController.WHATSAPP_GREETING).orElse(null));
        return "portal/raise";
    }

    private String threadPage(String token, Threads.CustomerThreadView view, Map<String, String> errors, String body, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("view", view);
        model.addAttribute("errors", errors);
        model.addAttribute("body", body);
        return "portal/thread";
    }

    private String unavailable(Refusal problem, HttpServletResponse response, Model model) {
        response.setStatus(Refusals.status(problem).value());
        if (problem instanceof RateLimited limited) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        model.addAttribute("status", Refusals.status(problem).value());
        model.addAttribute("message", problem.getMessage());
        model.addAttribute("whatsapp", settings.current().whatsappLink("Hello, I need help with my query: ").orElse(null));
        return "portal/unavailable";
    }
}
