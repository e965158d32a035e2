package io.sagashop.user.account;

import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.RegisterUser;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the configured administrator once the service is up, unless an account with that
 * e-mail exists. Runs in the background and retries while the hub is unreachable.
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 60;

    private final AdminProperties admin;
    private final CredentialStore credentials;
    private final CommandGateway commands;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    AdminBootstrap(AdminProperties admin, CredentialStore credentials, CommandGateway commands, PasswordEncoder encoder,
                   PasswordPolicy policy) {
        this.admin = admin;
        this.credentials = credentials;
        this.commands = commands;
        this.encoder = encoder;
        this.policy = policy;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!admin.configured()) {
            log.info("No sagashop.user.admin.password set: no administrator is bootstrapped");
            return;
        }
        var violation = policy.check(admin.password(), admin.email());
        if (violation.isPresent()) {
            log.error("sagashop.user.admin.password breaks the password policy ({}: it {}): no administrator is bootstrapped",
                    violation.get().rule(), violation.get().message());
            return;
        }
        Thread thread = new Thread(this::ensureAdmin, "admin-bootstrap");
        thread.setDaemon(true);
        thread.start();
    }

    void ensureAdmin() {
        String email = User.normalise(admin.email());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (credentials.findByEmail(email).isPresent()) {
                    log.info("Administrator {} exists", email);
                    return;
                }
                UserId id = UserId.of(IdentifierFactory.getInstance().generateIdentifier());
                commands.sendAndWait(new RegisterUser(id, email, admin.name(), encoder.encode(admin.password()), null,
                        NotificationPreferences.defaults(), Role.ADMIN));
                log.info("Administrator {} created", email);
                return;
            } catch (RuntimeException e) {
                log.warn("Could not create administrator {} (attempt {}/{}): {}", email, attempt, ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
