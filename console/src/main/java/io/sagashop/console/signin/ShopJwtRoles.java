package io.sagashop.console.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The console role a shop JWT's {@code roles} claim (a list, or a space-separated string) grants:
 * a role in {@code console.sign-in.operator-roles} makes an operator, one in {@code viewer-roles}
 * a viewer, anything else (a customer) nothing.
 */
final class ShopJwtRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final SignInProperties properties;

    ShopJwtRoles(SignInProperties properties) {
        this.properties = properties;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        ConsoleRole role = role(jwt);
        return role == null ? List.of() : role.authorities();
    }

    ConsoleRole role(Jwt jwt) {
        List<String> roles = roles(jwt.getClaims().get("roles"));
        if (roles.stream().anyMatch(properties.operatorRoles()::contains)) {
            return ConsoleRole.OPERATOR;
        }
        return roles.stream().anyMatch(properties.viewerRoles()::contains) ? ConsoleRole.VIEWER : null;
    }

    private static List<String> roles(Object claim) {
        List<String> roles = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> roles.add(String.valueOf(value)));
        } else if (claim instanceof String value) {
            roles.addAll(List.of(value.trim().split("\\s+")));
        }
        return roles;
    }

    /** How the audit trail names the user: the account's e-mail, or its subject when it has none. */
    static String name(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        return email == null || email.isBlank() ? jwt.getSubject() : email;
    }
}
