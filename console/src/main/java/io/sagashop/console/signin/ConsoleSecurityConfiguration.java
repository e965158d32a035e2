package io.sagashop.console.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what in the console. Secure by default:
 * <ul>
 * <li>open: the pages' static files (they hold no data), the sign-in, health;</li>
 * <li>reading the API (GET) needs a shop JWT whose roles make a viewer or an operator
 *     ({@link SignInProperties}); anything that acts needs an operator;</li>
 * <li>JWTs are checked as the hub checks them: RS256 by a key of the user service's JWK set
 *     (fetched on the first sign-in, so the console starts before the user service), the shop's
 *     issuer, not expired;</li>
 * <li>no session and no cookie: the page sends the JWT as a bearer header; state-changing
 *     requests pass {@link RequestGuard} first (cross-site refusal, the custom CSRF header);</li>
 * <li>security headers on every answer: a CSP without inline code, no framing, no sniffing,
 *     no referrer, nothing cached.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ConsoleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, JwtDecoder decoder, SignInProperties properties,
                                        ProblemResponses problems) throws Exception {
        ShopJwtRoles roles = new ShopJwtRoles(properties);
        // Named by the account's e-mail (the subject when it has none), as the hub's audit names operators.
        Converter<Jwt, AbstractAuthenticationToken> converter =
                jwt -> new JwtAuthenticationToken(jwt, roles.convert(jwt), ShopJwtRoles.name(jwt));
        http.csrf(csrf -> csrf.disable()) // replaced by RequestGuard: no cookie carries a credential here
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new RequestGuard(problems), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(get("/"), get("/index.html"), get("/favicon.ico"), get("/console/**"),
                                get("/inspection/**"), get("/actuator/health"), get("/actuator/health/**"))
                        .permitAll()
                        .requestMatchers(path(HttpMethod.POST, SignInController.LOGIN), path(null, "/error")).permitAll()
                        .requestMatchers(get("/**"), path(HttpMethod.HEAD, "/**"), path(HttpMethod.OPTIONS, "/**"))
                        .hasRole(ConsoleRole.VIEWER.name())
                        .anyRequest().hasRole(ConsoleRole.OPERATOR.name()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /** The shop's JWTs: RS256 by a key of the user service's JWK set, the shop's issuer, not expired. */
    @Bean
    JwtDecoder shopJwtDecoder(SignInProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    private static PathPatternRequestMatcher get(String pattern) {
        return path(HttpMethod.GET, pattern);
    }

    private static PathPatternRequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
