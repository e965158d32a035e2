package io.sagashop.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A stateless resource server: every request needs a valid RS256 bearer token from the user
 * service's JWK set, except the public paths; claim {@code roles} becomes {@code ROLE_*}
 * authorities (so {@code @PreAuthorize("hasRole('ADMIN')")} works); {@code sub} is the name.
 * A service that defines its own {@link SecurityFilterChain} or {@link JwtDecoder} replaces ours;
 * the chain refuses tokens of deactivated users whichever decoder checks the signature. Actuator
 * endpoints other than health need the ADMIN role ({@code /actuator/prometheus} also opens to the
 * metrics token, {@link MetricsScrapeToken}). A controller's {@code @PreAuthorize} is
 * judged before its request body is read ({@link EarlyAuthorization}).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class PlatformSecurityAutoConfiguration {

    /** Always open: health for orchestration, the API description. */
    static final List<String> ALWAYS_PUBLIC = List.of(
            "/actuator/health/**", "/actuator/health",
            "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**", "/error");

    /**
     * Every other actuator endpoint (info, metrics, Prometheus) tells an outsider about the
     * service's internals and load: administrators only, like the hub's operations API.
     */
    static final String ACTUATOR = "/actuator/**";

    /** Enough for every customer active within a token's lifetime on one instance. */
    static final int VERIFIED_TOKENS_KEPT = 10_000;

    /**
     * No observation of Spring Security's filters, authentications or authorizations. The
     * platform's {@code management.observations.enable.spring.security=false} only turns them into
     * no-ops: the chain still wrapped every filter of every request in one, which was 8 % of the
     * order service's request thread, and as much again in the chain's own work (docs/performance.md,
     * session 20). The request's own observation (its span, {@code http.server.requests}) stays.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings sagashopSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain sagashopSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
            JwtAuthenticationConverter jwtAuthenticationConverter, ObjectMapper objectMapper, JwtDecoder decoder,
            ObjectProvider<DeactivatedUsers> deactivatedUsers) throws Exception {
        var handlers = new ProblemJsonSecurityHandlers(objectMapper);
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(properties.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    for (String pattern : open) {
                        authorize.requestMatchers(matcher(pattern)).permitAll();
                    }
                    authorize.requestMatchers(matcher(MetricsScrapeToken.PATH)).hasAnyRole("ADMIN", MetricsScrapeToken.ROLE);
                    authorize.requestMatchers(matcher(ACTUATOR)).hasRole("ADMIN");
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter)
                                .decoder(refusingDeactivated(decoder, deactivatedUsers.getIfAvailable())))
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()));
        if (properties.metricsToken() != null && !properties.metricsToken().isBlank()) {
            http.addFilterBefore(new MetricsScrapeToken(properties.metricsToken()), BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder sagashopJwtDecoder(SecurityProperties properties) {
        // Keys are fetched lazily on the first token, so a service starts before the user service.
        JwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        return new VerifiedTokenCache(nimbus, VERIFIED_TOKENS_KEPT, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter sagashopJwtAuthenticationConverter() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter());
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    /** Whatever decoder the service uses, a deactivated user's token is refused after it. */
    private static JwtDecoder refusingDeactivated(JwtDecoder decoder, DeactivatedUsers deactivatedUsers) {
        return deactivatedUsers == null ? decoder : new DeactivatedUserRefusal(decoder, deactivatedUsers);
    }

    /** {@code @PreAuthorize} of a controller judged before its request body is read. */
    @Bean
    WebMvcConfigurer sagashopEarlyAuthorization() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new EarlyAuthorization());
            }
        };
    }

    static RequestMatcher matcher(String pattern) {
        String trimmed = pattern.trim();
        int space = trimmed.indexOf(' ');
        if (space > 0) {
            return PathPatternRequestMatcher.withDefaults().matcher(
                    HttpMethod.valueOf(trimmed.substring(0, space).toUpperCase()), trimmed.substring(space + 1).trim());
        }
        return PathPatternRequestMatcher.withDefaults().matcher(trimmed);
    }

    /** Claim {@code roles} (a list, or a space-separated string) → {@code ROLE_<name>}. */
    static final class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {
        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Object claim = jwt.getClaims().get("roles");
            List<String> roles = new ArrayList<>();
            if (claim instanceof Collection<?> values) {
                values.forEach(value -> roles.add(String.valueOf(value)));
            } else if (claim instanceof String value) {
                roles.addAll(List.of(value.trim().split("\\s+")));
            }
            return roles.stream().filter(role -> !role.isBlank())
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.toUpperCase()))
                    .toList();
        }
    }
}
