package io.sagashop.user.auth;

import io.sagashop.platform.DomainError;
import io.sagashop.user.account.CredentialStore;
import io.sagashop.user.account.StoredCredentials;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /auth/login} issues a token; {@code GET /.well-known/jwks.json} publishes the keys to check it. */
@RestController
@Tag(name = "auth", description = "Login and the public key set")
class AuthController {

    /** Compared against when the e-mail is unknown, so both failures take as long. */
    private final String unknownUserHash;

    private final CredentialStore credentials;
    private final PasswordEncoder encoder;
    private final TokenIssuer issuer;
    private final SigningKeys keys;

    AuthController(CredentialStore credentials, PasswordEncoder encoder, TokenIssuer issuer, SigningKeys keys) {
        this.credentials = credentials;
        this.encoder = encoder;
        this.issuer = issuer;
        this.keys = keys;
        this.unknownUserHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    record LoginRequest(@NotBlank String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String userId, List<String> roles) {
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Exchange e-mail and password for an RS256 access token")
    TokenResponse login(@Valid @RequestBody LoginRequest request) {
        Optional<StoredCredentials> found = credentials.findByEmail(request.email().trim().toLowerCase(Locale.ROOT));
        boolean matches = encoder.matches(request.password(), found.map(StoredCredentials::passwordHash).orElse(unknownUserHash));
        if (found.isEmpty() || !matches || !found.get().active()) {
            throw new DomainError("invalid-credentials", 401, "E-mail or password is wrong, or the account is deactivated", null)
                    .exception();
        }
        var token = issuer.issue(found.get());
        return new TokenResponse(token.value(), "Bearer", Duration.between(Instant.now(), token.expiresAt()).toSeconds(),
                found.get().userId().value(), List.of(found.get().role().name()));
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(summary = "The public keys that sign this shop's tokens (JWK set)")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
