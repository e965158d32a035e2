package io.sagashop.console.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs in the security chain before the credential is looked at:
 * <ol>
 * <li>a state-changing request (anything but GET/HEAD/OPTIONS) that the browser marks as coming
 *     from another site ({@code Sec-Fetch-Site} cross-site or same-site), or whose {@code Origin} is
 *     not the console's own, is refused (403) — the hub's check;</li>
 * <li>a state-changing request must carry {@value #CSRF_HEADER}{@code : }{@value #CSRF_VALUE}: a
 *     custom header that a page of another origin cannot send without a CORS preflight, which the
 *     console never grants, so a forged form or script request fails even when a browser would
 *     attach a credential; the console's own page sends it;</li>
 * <li>the user service's keys failing to load is 503 (nobody can be checked now), not a 500.</li>
 * </ol>
 * Credentials travel only in the {@code Authorization} header, never in a cookie, so a browser
 * never adds one to a request another site makes: the checks above are the second and third line.
 */
final class RequestGuard extends OncePerRequestFilter {

    static final String CSRF_HEADER = "X-Requested-With";
    static final String CSRF_VALUE = "sagashop-console";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

    private final ProblemResponses problems;

    RequestGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String refusal = crossSite(request);
            if (refusal == null && !CSRF_VALUE.equals(request.getHeader(CSRF_HEADER))) {
                refusal = "the request lacks the header " + CSRF_HEADER + ": " + CSRF_VALUE
                        + " that the console's own page sends with every action";
            }
            if (refusal != null) {
                log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), refusal);
                problems.write(request, response, HttpStatus.FORBIDDEN, "Cross-site request refused", refusal);
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException e) {
            // Spring's bearer filter rethrows a failure to fetch the keys (a JWT it could not judge).
            log.warn("Cannot check a sign-in: {}", e.getMessage());
            if (!response.isCommitted()) {
                problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Sign-in cannot be checked",
                        "The user service's public keys cannot be fetched to check the sign-in: " + e.getMessage());
            }
        }
    }

    /** Null when the request comes from the console's own pages (or from no browser at all), else why not. */
    static String crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "the browser reports the request as " + site + " (Sec-Fetch-Site); actions are accepted from the "
                    + "console's own pages only";
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String host = request.getHeader("Host");
            String own = request.getScheme() + "://" + host;
            if (host == null || !origin.equalsIgnoreCase(own)) {
                return "Origin " + origin + " is not this console (" + own + "); actions are accepted from the "
                        + "console's own pages only";
            }
        }
        return null;
    }
}
