package dev.switchboard.web;

import java.util.Collection;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person logged in with the form, as their session keeps them (the account module makes one from its
 * user when the login form is checked): the role they are judged by and the
 * credentials version they logged in with. {@link SessionFollowsUser} compares both with the database on
 * every request. The password hash is held only until the login has been checked.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    private final String username;
    private final Role role;
    private final int credentialsVersion;
    private final boolean disabled;
    private String passwordHash;

    public SignedInUser(String username, Role role, int credentialsVersion, boolean disabled, String passwordHash) {
        this.username = username;
        this.role = role;
        this.credentialsVersion = credentialsVersion;
        this.disabled = disabled;
        this.passwordHash = passwordHash;
    }

    Role role() {
        return role;
    }

    int credentialsVersion() {
        return credentialsVersion;
    }

    SignedInUser withRole(Role newRole) {
        return new SignedInUser(username, newRole, credentialsVersion, disabled, null);
    }

    SignedInUser withCredentialsVersion(int version) {
        return new SignedInUser(username, role, version, disabled, null);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return role.authorities();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return !disabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + ", " + role + ", v" + credentialsVersion + "]";
    }
}
