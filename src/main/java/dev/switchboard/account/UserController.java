package dev.switchboard.account;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.switchboard.refusal.Conflict;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users}: ADMIN only. People who log in, their roles, emails and the names customers see; a
 * user is disabled, never deleted. A change takes effect on the user's next request in every open session.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

    /** One line of plain text: what a customer reads as the author of a reply. */
    static final String DISPLAY_NAME = "[^<>\\p{Cntrl}]*";
    static final String DISPLAY_NAME_MESSAGE = "may not hold < > or control characters";

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @GetMapping
    List<Users.UserView> list() {
        return users.list();
    }

    @PostMapping
    ResponseEntity<Users.UserView> create(@Valid @RequestBody NewUser user) {
        if (!users.create(user.username(), user.password(), user.role(), Inputs.blankToNull(user.email()),
                Inputs.blankToNull(user.displayName()))) {
            throw new Conflict("user-exists", "A user named " + user.username() + " exists already.");
        }
        return ResponseEntity.created(URI.create("/api/users/" + user.username())).body(users.view(user.username()).orElseThrow());
    }

    @PutMapping("/{username}")
    Users.UserView update(@PathVariable String username, @Valid @RequestBody UserChange change, Principal principal) {
        users.update(username, change.role(), Inputs.blankToNull(change.email()), Inputs.blankToNull(change.displayName()),
                Boolean.TRUE.equals(change.disabled()), principal.getName());
        return users.view(username).orElseThrow();
    }

    /** Sets someone's password; every session they have open ends (theirs to log in again with the new one). */
    @PutMapping("/{username}/password")
    Users.UserView setPassword(@PathVariable String username, @Valid @RequestBody NewPassword password) {
        users.setPassword(username, password.password());
        return users.view(username).orElseThrow();
    }

    record NewUser(@NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold only letters, digits, . _ and -") String username,
                   @NotBlank @Size(min = 12, max = 200, message = "must have 12 to 200 characters") String password,
                   @NotNull Role role,
                   @Size(max = 254) @Email String email,
                   @Size(max = 100) @Pattern(regexp = DISPLAY_NAME, message = DISPLAY_NAME_MESSAGE) String displayName) {

        NewUser(String username, String password, Role role, String email) {
            this(username, password, role, email, null);
        }
    }

    record UserChange(@NotNull Role role, @Size(max = 254) @Email String email,
                      @Size(max = 100) @Pattern(regexp = DISPLAY_NAME, message = DISPLAY_NAME_MESSAGE) String displayName,
                      Boolean disabled) {
    }

    record NewPassword(@NotBlank @Size(min = 12, max = 200, message = "must have 12 to 200 characters") String password) {
    }
}
