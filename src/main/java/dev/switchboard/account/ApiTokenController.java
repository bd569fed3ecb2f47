package dev.switchboard.account;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.switchboard.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tokens}: ADMIN only. A new token's text is in the creation response and never again. */
@RestController
@RequestMapping("/api/tokens")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<ApiTokens.IssuedToken> create(@Valid @RequestBody NewToken request, Principal principal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.issue(request.name().strip(), request.role(), principal.getName()));
    }

    @GetMapping
    List<ApiTokens.TokenView> list() {
        return tokens.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable UUID id) {
        if (tokens.revoke(id)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No active token with id " + id + "."));
    }

    record NewToken(@NotBlank @Size(max = 100) String name, @NotNull Role role) {
    }
}
