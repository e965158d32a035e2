package io.sagashop.console.signin;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a signed-in user may do in the console; an operator also reads. */
public enum ConsoleRole {
    /** Reads the saga and consistency pages. */
    VIEWER,
    /** Reads, and acts on sagas (retry, compensate, end). */
    OPERATOR;

    /** The Spring Security authority of this role ({@code ROLE_VIEWER}, {@code ROLE_OPERATOR}). */
    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** The authorities of a user with this role: an operator is a viewer too. */
    public Collection<GrantedAuthority> authorities() {
        return this == OPERATOR ? List.of(OPERATOR.authority(), VIEWER.authority()) : List.of(VIEWER.authority());
    }

    /** The highest role the authorities grant, or null for none. */
    public static ConsoleRole of(Collection<? extends GrantedAuthority> authorities) {
        if (authorities.contains(OPERATOR.authority())) {
            return OPERATOR;
        }
        return authorities.contains(VIEWER.authority()) ? VIEWER : null;
    }
}
