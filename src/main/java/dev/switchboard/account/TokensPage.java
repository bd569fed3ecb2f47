package dev.switchboard.account;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.refusal.NotFound;
import dev.switchboard.web.PageController;
import dev.switchboard.web.FormChecks;
import dev.switchboard.web.Role;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /tokens} (ADMIN): API tokens for machines. A new token is shown on the page that answers its
 * creation and never again (it is not put in the session or a redirect): only its hash is kept.
 */
@PageController
class TokensPage {

    private final ApiTokens tokens;
    private final FormChecks checks;

    TokensPage(ApiTokens tokens, FormChecks checks) {
        this.tokens = tokens;
        this.checks = checks;
    }

    @GetMapping("/tokens")
    String list(Model model) {
        return page(null, null, null, model);
    }

    @PostMapping("/tokens")
    String create(@ModelAttribute NewTokenForm form, Principal principal, Model model) {
        var request = new ApiTokenController.NewToken(form.name() == null ? "" : form.name().strip(), form.role());
        Map<String, String> errors = checks.problems(request);
        if (!errors.isEmpty()) {
            return page(request, errors, null, model);
        }
        return page(null, null, tokens.issue(request.name(), request.role(), principal.getName()), model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        if (!tokens.revoke(id)) {
            throw new NotFound("No active token with id " + id + ".");
        }
        redirect.addFlashAttribute("saved", "Token revoked: it no longer opens anything.");
        return "redirect:/tokens";
    }

    private String page(ApiTokenController.NewToken form, Map<String, String> errors, ApiTokens.IssuedToken issued, Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form == null ? new ApiTokenController.NewToken("", Role.VIEWER) : form);
        model.addAttribute("errors", errors);
        model.addAttribute("issued", issued);
        return "users/tokens";
    }

    record NewTokenForm(String name, Role role) {
    }
}
