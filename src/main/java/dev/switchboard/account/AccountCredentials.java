package dev.switchboard.account;

import java.util.Optional;

import dev.switchboard.web.Credentials;
import org.springframework.stereotype.Component;

/** Answers the security configuration's questions from the users and API tokens kept here. */
@Component
class AccountCredentials implements Credentials {

    private final ApiTokens tokens;
    private final Users users;

    AccountCredentials(ApiTokens tokens, Users users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public Optional<TokenHolder> tokenHolder(String presented) {
        return tokens.authenticate(presented).map(token -> new TokenHolder(token.name(), token.role()));
    }

    @Override
    public Optional<Standing> standing(String username) {
        return users.standing(username);
    }
}
