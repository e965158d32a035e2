package io.sagashop.user.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.user.admin.*}: the administrator created at start-up when no account has this
 * e-mail. Without a password nothing is created (the password is never in the repository: set
 * {@code SAGASHOP_USER_ADMIN_PASSWORD}).
 *
 * @param email    the admin's login
 * @param password the admin's password, or empty to skip the bootstrap
 * @param name     the admin's display name
 */
@ConfigurationProperties("sagashop.user.admin")
record AdminProperties(@DefaultValue("admin@sagashop.local") String email, String password,
                       @DefaultValue("Administrator") String name) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
