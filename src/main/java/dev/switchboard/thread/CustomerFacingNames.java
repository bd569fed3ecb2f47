package dev.switchboard.thread;

import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.switchboard.settings.Settings;
import dev.switchboard.account.Users;
import org.springframework.stereotype.Component;

/**
 * The one rule for the name a customer sees on what staff wrote, on the link page, in its API and in
 * emails: the staff member's display name when they have one, else the team's name from the settings.
 * Never a username, and never an API token's name.
 */
@Component
class CustomerFacingNames {

    private final Users users;

    CustomerFacingNames(Users users) {
        this.users = users;
    }

    /** @param authors the authors as messages record them: usernames, or {@code token:<name>} */
    UnaryOperator<String> of(Collection<String> authors, Settings settings) {
        Map<String, String> displayNames = users.displayNames(authors);
        return author -> displayNames.getOrDefault(author, settings.teamName());
    }

    String of(String author, Settings settings) {
        return of(java.util.List.of(author), settings).apply(author);
    }
}
