package dev.switchboard.web;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person or a token may do. Each role includes the ones below it. */
public enum Role {
    VIEWER, AGENT, ADMIN;

    /** The role itself and every role it includes, as Spring Security authorities. */
    List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }
}
