package io.sagashop.user.account;

import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.util.Optional;

/**
 * The user service's credentials and its set of taken e-mail addresses: the set-based
 * validation of unique e-mail. The User aggregate writes it from its command handlers, so an
 * entry is made in the same unit of work (and database transaction) as the command, and a taken
 * address refuses the command before any event is applied.
 */
public interface CredentialStore {

    /** Records a new user's credentials; a {@code DomainError} 409 {@code email-taken} if the address is in use. */
    void register(UserId userId, String email, String passwordHash, Role role);

    /** Moves a user to another address; 409 {@code email-taken} if someone else has it. */
    void changeEmail(UserId userId, String email);

    /** Replaces the hash; false (and nothing changes) if it is the same hash. */
    boolean changePassword(UserId userId, String passwordHash);

    void deactivate(UserId userId);

    Optional<StoredCredentials> findByEmail(String email);

    Optional<StoredCredentials> findById(UserId userId);
}
