package io.sagashop.platform;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the current HTTP request, as the platform's JWT validation established it:
 * {@code sub} is the user id, claim {@code roles} the roles ({@code CUSTOMER}, {@code ADMIN}).
 */
public final class CurrentUser {

    public static final String ADMIN = "ADMIN";
    public static final String CUSTOMER = "CUSTOMER";

    private CurrentUser() {
    }

    /** The user id ({@code sub}) of the authenticated caller; fails when there is none. */
    public static String id() {
        return idIfAuthenticated().orElseThrow(() ->
                new IllegalStateException("No authenticated user in this request"));
    }

    /** The user id of the caller, empty for anonymous requests. */
    public static Optional<String> idIfAuthenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            return Optional.empty();
        }
        return Optional.of(authentication.getName());
    }

    /** The caller's roles without the {@code ROLE_} prefix, e.g. {@code [CUSTOMER]}. */
    public static Set<String> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Set.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean isAdmin() {
        return roles().contains(ADMIN);
    }

    /** True when the caller is the given user or an admin: the usual "own data" rule. */
    public static boolean isSelfOrAdmin(String userId) {
        return isAdmin() || idIfAuthenticated().map(userId::equals).orElse(false);
    }
}
