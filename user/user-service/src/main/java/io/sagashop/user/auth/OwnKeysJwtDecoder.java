package io.sagashop.user.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The user service checks tokens against its own keys directly, not over HTTP against itself;
 * other services use the platform's decoder on {@code /.well-known/jwks.json}. An unknown key id
 * reloads the keys once (another instance may have made a new one).
 */
@Configuration(proxyBeanMethods = false)
class OwnKeysJwtDecoder {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(keys.publicKeys());
            if (found.isEmpty()) {
                keys.reload();
                found = selector.select(keys.publicKeys());
            }
            return found;
        };
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        return new NimbusJwtDecoder(processor);
    }
}
