package io.sagashop.user.account;

import io.sagashop.platform.DomainError;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The credential store's contract without a database, for aggregate tests. */
class InMemoryCredentialStore implements CredentialStore {

    final Map<UserId, StoredCredentials> byId = new LinkedHashMap<>();

    @Override
    public void register(UserId userId, String email, String passwordHash, Role role) {
        if (findByEmail(email).isPresent()) {
            throw DomainError.conflict("email-taken", "email", "This e-mail address is already registered").exception();
        }
        byId.put(userId, new StoredCredentials(userId, email, passwordHash, role, true));
    }

    @Override
    public void changeEmail(UserId userId, String email) {
        var other = findByEmail(email);
        if (other.isPresent() && !other.get().userId().equals(userId)) {
            throw DomainError.conflict("email-taken", "email", "This e-mail address is already registered").exception();
        }
        var current = byId.get(userId);
        byId.put(userId, new StoredCredentials(userId, email, current.passwordHash(), current.role(), current.active()));
    }

    @Override
    public boolean changePassword(UserId userId, String passwordHash) {
        var current = byId.get(userId);
        if (current.passwordHash().equals(passwordHash)) {
            return false;
        }
        byId.put(userId, new StoredCredentials(userId, current.email(), passwordHash, current.role(), current.active()));
        return true;
    }

    @Override
    public void deactivate(UserId userId) {
        var current = byId.get(userId);
        byId.put(userId, new StoredCredentials(userId, current.email(), current.passwordHash(), current.role(), false));
    }

    @Override
    public Optional<StoredCredentials> findByEmail(String email) {
        return byId.values().stream().filter(c -> c.email().equals(email)).findFirst();
    }

    @Override
    public Optional<StoredCredentials> findById(UserId userId) {
        return Optional.ofNullable(byId.get(userId));
    }
}
