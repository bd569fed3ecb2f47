package dev.switchboard.account;

import java.security.Principal;
import java.util.Map;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.web.PageController;
import dev.switchboard.web.FormChecks;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.Role;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /users} (ADMIN): people who log in, their roles, emails, the names customers see and their
 * passwords, with the API's rules ({@link Users#update}).
 */
@PageController
class UsersPage {

    private final Users users;
    private final FormChecks checks;

    UsersPage(Users users, FormChecks checks) {
        this.users = users;
        this.checks = checks;
    }

    @GetMapping("/users")
    String list(Model model) {
        return page(new UserController.NewUser("", "", Role.AGENT, ""), null, model);
    }

    @PostMapping("/users")
    String create(@ModelAttribute NewUserForm form, Model model, RedirectAttributes redirect) {
        var user = new UserController.NewUser(form.username() == null ? "" : form.username().strip(),
                form.password() == null ? "" : form.password(), form.role(), Inputs.blankToNull(form.email()),
                Inputs.blankToNull(form.displayName()));
        Map<String, String> errors = checks.problems(user);
        if (errors.isEmpty() && !users.create(user.username(), user.password(), user.role(), user.email(), user.displayName())) {
            errors = Map.of("username", "is taken: a user named " + user.username() + " exists already");
        }
        if (!errors.isEmpty()) {
            return page(new UserController.NewUser(user.username(), "", user.role(), user.email(), user.displayName()), errors, model);
        }
        redirect.addFlashAttribute("saved", "User " + user.username() + " created.");
        return "redirect:/users";
    }

    @PostMapping("/users/{username}")
    String update(@PathVariable String username, @ModelAttribute UserChangeForm form, Principal principal, Model model,
                  RedirectAttributes redirect) {
        var change = new UserController.UserChange(form.role(), Inputs.blankToNull(form.email()),
                Inputs.blankToNull(form.displayName()), Boolean.TRUE.equals(form.disabled()));
        String problem = rowProblem(checks.problems(change));
        if (problem.isEmpty()) {
            try {
                users.update(username, change.role(), change.email(), change.displayName(), change.disabled(), principal.getName());
            } catch (Conflict refused) {
                problem = refused.getMessage();
            }
        }
        if (!problem.isEmpty()) {
            return rowError(username, problem, model);
        }
        redirect.addFlashAttribute("saved", "User " + username + " updated.");
        return "redirect:/users";
    }

    /** A new password for someone: every session they have open ends. */
    @PostMapping("/users/{username}/password")
    String setPassword(@PathVariable String username, @ModelAttribute PasswordForm form, Model model, RedirectAttributes redirect) {
        var password = new UserController.NewPassword(form.password() == null ? "" : form.password());
        String problem = rowProblem(checks.problems(password));
        if (!problem.isEmpty()) {
            return rowError(username, problem, model);
        }
        users.setPassword(username, password.password());
        redirect.addFlashAttribute("saved", "Password of " + username + " set; their open sessions have ended.");
        return "redirect:/users";
    }

    private static String rowProblem(Map<String, String> problems) {
        return String.join("; ", problems.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private String rowError(String username, String problem, Model model) {
        model.addAttribute("rowErrors", Map.of(username, problem));
        return page(new UserController.NewUser("", "", Role.AGENT, ""), null, model);
    }

    private String page(UserController.NewUser form, Map<String, String> errors, Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.forPeople());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "users/users";
    }

    record NewUserForm(String username, String password, Role role, String email, String displayName) {
    }

    record UserChangeForm(Role role, String email, String displayName, Boolean disabled) {
    }

    record PasswordForm(String password) {
    }
}
