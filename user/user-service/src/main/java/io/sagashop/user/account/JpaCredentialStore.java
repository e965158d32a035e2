package io.sagashop.user.account;

import io.sagashop.platform.DomainError;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link CredentialStore} on the {@code user_credentials} table, whose unique e-mail constraint
 * settles races between two registrations the existence check let through. Writes flush at once,
 * so a violation fails the command before its events are committed.
 */
@Component
@Transactional
class JpaCredentialStore implements CredentialStore {

    private final CredentialsRepository repository;

    JpaCredentialStore(CredentialsRepository repository) {
        this.repository = repository;
    }

    @Override
    public void register(UserId userId, String email, String passwordHash, Role role) {
        if (repository.existsByEmail(email)) {
            throw emailTaken();
        }
        try {
            repository.saveAndFlush(new CredentialsEntry(userId.value(), email, passwordHash, role.name()));
        } catch (DataIntegrityViolationException race) {
            throw emailTaken();
        }
    }

    @Override
    public void changeEmail(UserId userId, String email) {
        var existing = repository.findByEmail(email);
        if (existing.isPresent() && !existing.get().userId().equals(userId.value())) {
            throw emailTaken();
        }
        CredentialsEntry entry = require(userId);
        entry.email(email);
        try {
            repository.saveAndFlush(entry);
        } catch (DataIntegrityViolationException race) {
            throw emailTaken();
        }
    }

    @Override
    public boolean changePassword(UserId userId, String passwordHash) {
        CredentialsEntry entry = require(userId);
        if (entry.passwordHash().equals(passwordHash)) {
            return false;
        }
        entry.passwordHash(passwordHash);
        repository.saveAndFlush(entry);
        return true;
    }

    @Override
    public void deactivate(UserId userId) {
        CredentialsEntry entry = require(userId);
        entry.deactivate();
        repository.saveAndFlush(entry);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StoredCredentials> findByEmail(String email) {
        return repository.findByEmail(email).map(JpaCredentialStore::toRecord);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StoredCredentials> findById(UserId userId) {
        return repository.findById(userId.value()).map(JpaCredentialStore::toRecord);
    }

    private CredentialsEntry require(UserId userId) {
        return repository.findById(userId.value()).orElseThrow(() ->
                DomainError.notFound("user-not-found", "No user " + userId).exception());
    }

    private static StoredCredentials toRecord(CredentialsEntry entry) {
        return new StoredCredentials(UserId.of(entry.userId()), entry.email(), entry.passwordHash(),
                Role.valueOf(entry.role()), entry.active());
    }

    private static RuntimeException emailTaken() {
        return DomainError.conflict("email-taken", "email", "This e-mail address is already registered").exception();
    }
}
