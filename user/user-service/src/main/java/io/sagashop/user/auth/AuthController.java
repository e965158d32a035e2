package io.sagashop.user.auth;

import io.sagashop.platform.DomainError;
import io.sagashop.platform.axon.Correlation;
import io.sagashop.user.account.FitsBcrypt;
import io.sagashop.user.account.CredentialStore;
import io.sagashop.user.account.StoredCredentials;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
    private final LoginThrottle throttle;

    AuthController(CredentialStore credentials, PasswordEncoder encoder, TokenIssuer issuer, SigningKeys keys,
                   LoginThrottle throttle) {
        this.credentials = credentials;
        this.encoder = encoder;
        this.issuer = issuer;
        this.keys = keys;
        this.throttle = throttle;
        this.unknownUserHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    record LoginRequest(@NotBlank String email, @NotBlank @FitsBcrypt String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String userId, List<String> roles) {
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Exchange e-mail and password for an RS256 access token")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String address = http.getRemoteAddr();
        // Checked before bcrypt: a locked caller costs no hashing either.
        throttle.lockedFor(email, address).ifPresent(wait -> {
            throw new LoginLockedException(wait);
        });
        Optional<StoredCredentials> found = credentials.findByEmail(email);
        boolean matches = encoder.matches(request.password(), found.map(StoredCredentials::passwordHash).orElse(unknownUserHash));
        if (found.isEmpty() || !matches || !found.get().active()) {
            throttle.failed(email, address);
            throw new DomainError("invalid-credentials", 401, "E-mail or password is wrong, or the account is deactivated", null)
                    .exception();
        }
        throttle.succeeded(email);
        var token = issuer.issue(found.get());
        return new TokenResponse(token.value(), "Bearer", Duration.between(Instant.now(), token.expiresAt()).toSeconds(),
                found.get().userId().value(), List.of(found.get().role().name()));
    }

    /** 429 with the seconds to wait, as problem+json like every other refusal. */
    @ExceptionHandler(LoginLockedException.class)
    ResponseEntity<ProblemDetail> locked(LoginLockedException locked) {
        long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed logins for this account or from this address; try again in " + seconds + " s");
        problem.setTitle("Too many failed logins");
        problem.setType(URI.create("https://sagashop.io/problems/too-many-login-failures"));
        problem.setProperty("code", "too-many-login-failures");
        problem.setProperty("retryAfterSeconds", seconds);
        Correlation.current().ifPresent(correlation -> problem.setProperty("correlationId", correlation.correlationId()));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(summary = "The public keys that sign this shop's tokens (JWK set)")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
