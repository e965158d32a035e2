package io.sagashop.user.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's RSA signing keys, in table {@code signing_key} of its own schema (never in the
 * repository). The first start generates a 2048-bit key; every instance then signs with the
 * newest key, and the JWK set publishes all of them, so tokens stay valid across instances.
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcTemplate jdbc;
    private volatile List<RSAKey> keys;

    /** The first key is generated in a transaction of its own: the pool's connections do not auto-commit. */
    SigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.keys = load();
        if (keys.isEmpty()) {
            transactions.executeWithoutResult(status -> generate());
            this.keys = load();
        }
    }

    /** The key new tokens are signed with. */
    RSAKey current() {
        return keys.get(0);
    }

    /** The public halves of every key, as served at {@code /.well-known/jwks.json}. */
    JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** Reads the keys again (another instance may have added one). */
    void reload() {
        keys = load();
    }

    private List<RSAKey> load() {
        return jdbc.query("SELECT key_id, private_key, public_key FROM signing_key ORDER BY created_at DESC, key_id",
                (row, index) -> toJwk(row.getString("key_id"), row.getString("private_key"), row.getString("public_key")));
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String keyId = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO signing_key (key_id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
                    keyId,
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                    Timestamp.from(Instant.now()));
            log.info("Generated signing key {}", keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static RSAKey toJwk(String keyId, String privateKey, String publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            var privateSpec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey));
            var publicSpec = new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey));
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(publicSpec))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(privateSpec))
                    .keyID(keyId)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + keyId + " is unreadable", e);
        }
    }
}
