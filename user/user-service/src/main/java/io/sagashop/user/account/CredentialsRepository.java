package io.sagashop.user.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CredentialsRepository extends JpaRepository<CredentialsEntry, String> {

    Optional<CredentialsEntry> findByEmail(String email);

    boolean existsByEmail(String email);
}
