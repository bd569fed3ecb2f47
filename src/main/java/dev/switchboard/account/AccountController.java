package dev.switchboard.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.switchboard.web.Inputs;
import dev.switchboard.web.CurrentSession;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/account}: the person logged in, about themselves: who they are, the name customers see on
 * their replies, their password. Changing the password ends their other sessions and keeps this one.
 */
@RestController
@RequestMapping("/api/account")
class AccountController {

    private final Users users;

    AccountController(Users users) {
        this.users = users;
    }

    @GetMapping
    Users.UserView me(Authentication authentication) {
        return users.view(CurrentSession.username(authentication)).orElseThrow();
    }

    @PutMapping
    Users.UserView change(@Valid @RequestBody AccountChange change, Authentication authentication) {
        String username = CurrentSession.username(authentication);
        users.setDisplayName(username, Inputs.blankToNull(change.displayName()));
        return users.view(username).orElseThrow();
    }

    @PutMapping("/password")
    ResponseEntity<Void> password(@Valid @RequestBody PasswordChange change, Authentication authentication,
                                  HttpServletRequest request, HttpServletResponse response) {
        int version = users.changeOwnPassword(CurrentSession.username(authentication),
                change.currentPassword(), change.newPassword());
        CurrentSession.keepAfterOwnPasswordChange(version, authentication, request, response);
        return ResponseEntity.noContent().build();
    }

    record AccountChange(@Size(max = 100) @Pattern(regexp = UserController.DISPLAY_NAME,
            message = UserController.DISPLAY_NAME_MESSAGE) String displayName) {
    }

    record PasswordChange(@NotBlank String currentPassword,
                          @NotBlank @Size(min = 12, max = 200, message = "must have 12 to 200 characters") String newPassword) {
    }
}
