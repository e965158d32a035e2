package io.sagashop.hub.signin;

import io.sagashop.hub.access.HttpRole;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent an HTTP request that passed the sign-in check.
 *
 * @param name how the audit trail names them: the account's e-mail, or {@code token:<application>}
 * @param role what they may do
 * @param via  {@code jwt} (a shop account) or {@code token} (a hub token)
 */
public record Operator(String name, HttpRole role, String via) {

    /** The request attribute the sign-in filter puts the operator in. */
    public static final String ATTRIBUTE = "io.sagashop.hub.operator";

    /** The signed-in operator of the request; the filter guarantees one on every protected path. */
    public static Operator of(HttpServletRequest request) {
        Object operator = request.getAttribute(ATTRIBUTE);
        if (operator instanceof Operator o) {
            return o;
        }
        throw new IllegalStateException("No signed-in operator on " + request.getRequestURI());
    }
}
