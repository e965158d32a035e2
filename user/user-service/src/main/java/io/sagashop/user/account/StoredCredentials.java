package io.sagashop.user.account;

import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;

/**
 * What the user service knows to authenticate a user; never leaves this service.
 *
 * @param userId       the user
 * @param email        the login e-mail (lower case)
 * @param passwordHash bcrypt hash
 * @param role         the role tokens carry
 * @param active       false once deactivated: no more logins
 */
public record StoredCredentials(UserId userId, String email, String passwordHash, Role role, boolean active) {

    @Override
    public String toString() {
        return "StoredCredentials[userId=" + userId + ", email=" + email + ", role=" + role + ", active=" + active + "]";
    }
}
