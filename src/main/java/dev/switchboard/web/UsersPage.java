package dev.switchboard.web;

import java.security.Principal;
import java.util.Map;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /users} (ADMIN): people who log in, their roles and emails, with the API's rules. An admin
 * cannot take away their own admin role or disable themselves, so nobody locks the last door by accident.
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
                form.password() == null ? "" : form.password(), form.role(), Inputs.blankToNull(form.email()));
        Map<String, String> errors = checks.problems(user);
        if (errors.isEmpty() && !users.create(user.username(), user.password(), user.role(), user.email())) {
            errors = Map.of("username", "is taken: a user named " + user.username() + " exists already");
        }
        if (!errors.isEmpty()) {
            return page(new UserController.NewUser(user.username(), "", user.role(), user.email()), errors, model);
        }
        redirect.addFlashAttribute("saved", "User " + user.username() + " created.");
        return "redirect:/users";
    }

    @PostMapping("/users/{username}")
    String update(@PathVariable String username, @ModelAttribute UserChangeForm form, Principal principal, Model model,
                  RedirectAttributes redirect) {
        var change = new UserController.UserChange(form.role(), Inputs.blankToNull(form.email()), Boolean.TRUE.equals(form.disabled()));
        String problem = username.equals(principal.getName()) && (change.role() != Role.ADMIN || change.disabled())
                ? "You cannot take away your own admin role or disable yourself; ask another admin."
                : String.join("; ", checks.problems(change).entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        if (!problem.isEmpty()) {
            model.addAttribute("rowErrors", Map.of(username, problem));
            return page(new UserController.NewUser("", "", Role.AGENT, ""), null, model);
        }
        if (!users.update(username, change.role(), change.email(), change.disabled())) {
            throw ApiProblem.notFound("No user named " + username + ".");
        }
        redirect.addFlashAttribute("saved", "User " + username + " updated.");
        return "redirect:/users";
    }

    private String page(UserController.NewUser form, Map<String, String> errors, Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "users/users";
    }

    record NewUserForm(String username, String password, Role role, String email) {
    }

    record UserChangeForm(Role role, String email, Boolean disabled) {
    }
}
