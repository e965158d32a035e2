package io.sagashop.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The scrapers' credential: a request for {@code /actuator/prometheus} whose bearer token is the
 * configured metrics token is authenticated as {@value #PRINCIPAL} with role {@code METRICS}, which
 * opens that endpoint only. Prometheus cannot renew a one-hour JWT; a fixed secret it reads from a
 * file can. Its {@code Authorization} header is then hidden from the JWT filter after this one, which
 * would otherwise refuse it as a malformed JWT. Any other token, and this token on any other path,
 * goes the ordinary way.
 */
final class MetricsScrapeToken extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";
    static final String ROLE = "METRICS";
    static final String PRINCIPAL = "metrics-scraper";
    /** Shorter secrets can be guessed; a configuration that sets one is refused at start. */
    static final int MIN_LENGTH = 16;

    private final byte[] token;

    MetricsScrapeToken(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalStateException("sagashop.security.metrics-token must be at least " + MIN_LENGTH
                    + " characters long (./shop uses the hub's monitoring token)");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !PATH.equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        var authentication = new PreAuthenticatedAuthenticationToken(PRINCIPAL, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(new WithoutAuthorization(request), response);
    }

    /** The request as the filters after this one see it: no bearer token left to judge. */
    private static final class WithoutAuthorization extends HttpServletRequestWrapper {

        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(HttpHeaders.AUTHORIZATION::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
