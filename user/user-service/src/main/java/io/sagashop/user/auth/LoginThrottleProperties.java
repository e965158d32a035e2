package io.sagashop.user.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.user.login.*}: how many failed logins lock an account or a client address, and
 * for how long. Only failures count, so any number of successful logins from one address (a load
 * generator, an office behind one NAT) is never throttled. Each instance of the user service
 * counts on its own: with N instances behind a balancer an attacker gets up to N times the
 * attempts (see docs/security.md).
 *
 * @param failuresPerAccount failed logins for one e-mail address (known or not) within
 *                           {@code window} after which it is locked until the window ends
 * @param failuresPerAddress failed logins from one client address within {@code window} after
 *                           which that address is locked until the window ends
 * @param window             the counting window, also the longest lockout
 * @param maxTracked         at most this many accounts and as many addresses are tracked (the least
 *                           recently seen are forgotten first)
 */
@ConfigurationProperties("sagashop.user.login")
record LoginThrottleProperties(@DefaultValue("10") int failuresPerAccount,
                               @DefaultValue("100") int failuresPerAddress,
                               @DefaultValue("PT15M") Duration window,
                               @DefaultValue("100000") long maxTracked) {
}
