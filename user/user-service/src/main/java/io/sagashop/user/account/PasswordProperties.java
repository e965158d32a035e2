package io.sagashop.user.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code sagashop.user.password.*}: the password policy ({@link PasswordPolicy}).
 *
 * @param minLength  the fewest characters (code points) a new password may have; 12 by default:
 *                   NIST SP 800-63B asks for at least 8 and allows more, and without composition
 *                   rules length is what resists guessing
 * @param commonList the list of refused common passwords, one a line ({@code #} starts a comment);
 *                   a {@code classpath:} or {@code file:} location
 */
@ConfigurationProperties("sagashop.user.password")
record PasswordProperties(@DefaultValue("12") int minLength,
                          @DefaultValue("classpath:passwords/common-passwords.txt") Resource commonList) {
}
