package dev.switchboard.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a person or a token may do. VIEWER, AGENT and ADMIN each include the ones below them. AGENT_BOT stands
 * apart: only an API token can hold it, it includes nothing and nothing includes it, so the AI agent's token can
 * propose drafts and do nothing else.
 */
public enum Role {
    VIEWER, AGENT, ADMIN, AGENT_BOT;

    /** The roles a person can be given. */
    public static List<Role> forPeople() {
        return List.of(VIEWER, AGENT, ADMIN);
    }

    /** The role itself and every role it includes, as Spring Security authorities. */
    List<GrantedAuthority> authorities() {
        if (this == AGENT_BOT) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + name()));
        }
        return Arrays.stream(values())
                .filter(r -> r != AGENT_BOT && r.ordinal() <= ordinal())
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }
}
