package io.sagashop.user.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_credentials")
class CredentialsEntry {

    @Id
    @Column(name = "user_id", length = 36)
    private String userId;
    @Column(nullable = false, unique = true, length = 254)
    private String email;
    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;
    @Column(nullable = false, length = 20)
    private String role;
    @Column(nullable = false)
    private boolean active;

    protected CredentialsEntry() {
    }

    CredentialsEntry(String userId, String email, String passwordHash, String role) {
        this.userId = userId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.active = true;
    }

    String userId() {
        return userId;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    String role() {
        return role;
    }

    boolean active() {
        return active;
    }

    void email(String email) {
        this.email = email;
    }

    void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void deactivate() {
        this.active = false;
    }
}
