package dev.switchboard.account;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.PageController;
import dev.switchboard.web.FormChecks;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.CurrentSession;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /account} (anyone logged in): the name customers see on your replies, and your password. */
@PageController
class AccountPage {

    private final Users users;
    private final FormChecks checks;

    AccountPage(Users users, FormChecks checks) {
        this.users = users;
        this.checks = checks;
    }

    @GetMapping("/account")
    String show(Authentication authentication, Model model) {
        Users.UserView me = me(authentication);
        return page(me, new AccountController.AccountChange(me.displayName()), null, model);
    }

    @PostMapping("/account/name")
    String name(@ModelAttribute NameForm form, Authentication authentication, Model model, RedirectAttributes redirect) {
        var change = new AccountController.AccountChange(Inputs.blankToNull(form.displayName()));
        Map<String, String> errors = checks.problems(change);
        if (!errors.isEmpty()) {
            return page(me(authentication), change, errors, model);
        }
        users.setDisplayName(CurrentSession.username(authentication), change.displayName());
        redirect.addFlashAttribute("saved", "Saved: customers see your replies as "
                + (change.displayName() == null ? "the team's name" : change.displayName()) + ".");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String password(@ModelAttribute PasswordForm form, Authentication authentication, HttpServletRequest request,
                    HttpServletResponse response, Model model, RedirectAttributes redirect) {
        var change = new AccountController.PasswordChange(form.currentPassword() == null ? "" : form.currentPassword(),
                form.newPassword() == null ? "" : form.newPassword());
        Map<String, String> errors = checks.problems(change);
        Users.UserView me = me(authentication);
        if (errors.isEmpty()) {
            try {
                int version = users.changeOwnPassword(me.username(), change.currentPassword(), change.newPassword());
                CurrentSession.keepAfterOwnPasswordChange(version, authentication, request, response);
            } catch (Invalid refused) {
                errors = refused.fieldErrors();
            }
        }
        if (!errors.isEmpty()) {
            return page(me, new AccountController.AccountChange(me.displayName()), errors, model);
        }
        redirect.addFlashAttribute("saved", "Password changed. Your other sessions have ended.");
        return "redirect:/account";
    }

    private Users.UserView me(Authentication authentication) {
        return users.view(CurrentSession.username(authentication)).orElseThrow();
    }

    private String page(Users.UserView me, AccountController.AccountChange nameForm, Map<String, String> errors, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("nameForm", nameForm);
        model.addAttribute("errors", errors);
        return "account/account";
    }

    record NameForm(String displayName) {
    }

    record PasswordForm(String currentPassword, String newPassword) {
    }
}
