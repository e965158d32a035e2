package io.sagashop.hub.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.access.AccessPolicy;
import io.sagashop.hub.access.Application;
import io.sagashop.hub.access.HttpRole;
import io.sagashop.hub.grpc.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every HTTP request passes here first:
 * <ol>
 * <li>security headers on every answer, pages and errors alike (CSP without inline code,
 *     no framing, no sniffing, no referrer, API answers not cached);</li>
 * <li>a state-changing request (anything but GET/HEAD/OPTIONS) from another site is refused
 *     (403): the browser says so in {@code Sec-Fetch-Site}, or its {@code Origin} is not this hub;</li>
 * <li>outside the open paths (health, the dashboard's static files, the sign-in) a credential:
 *     {@code Authorization: Bearer <shop JWT or hub token>} or {@code AxonIQ-Access-Token: <hub token>};
 *     none is 401 AXONIQ-1000, a bad one 401 AXONIQ-1001;</li>
 * <li>reading needs the viewer role, anything else the operator role (403 otherwise).</li>
 * </ol>
 * Credentials travel in headers only, never in cookies, so a browser never adds them to a
 * request another site makes; the cross-site check is the second line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SignInFilter extends OncePerRequestFilter {

    static final String TOKEN_HEADER = "AxonIQ-Access-Token";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger log = LoggerFactory.getLogger(SignInFilter.class);

    private final AccessPolicy access;
    private final JwtVerifier jwts;
    private final ObjectMapper json;

    SignInFilter(AccessPolicy access, JwtVerifier jwts, ObjectMapper json) {
        this.access = access;
        this.jwts = jwts;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        headers(response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        if (!safe) {
            String crossSite = crossSite(request);
            if (crossSite != null) {
                log.warn("Refused a cross-site {} {}: {}", request.getMethod(), path, crossSite);
                refuse(request, response, HttpStatus.FORBIDDEN, "Cross-site request refused", crossSite, null);
                return;
            }
        }
        if (isOpen(path, request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Operator operator;
        try {
            operator = authenticate(request);
        } catch (Refusal refusal) {
            if (refusal.status == HttpStatus.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"sagashop-hub\"");
            }
            refuse(request, response, refusal.status, refusal.title, refusal.getMessage(), refusal.code);
            return;
        }
        HttpRole needed = safe ? HttpRole.VIEWER : HttpRole.OPERATOR;
        if (!operator.role().includes(needed)) {
            refuse(request, response, HttpStatus.FORBIDDEN, "Forbidden", operator.name() + " is signed in as "
                    + operator.role().name().toLowerCase() + "; " + request.getMethod() + " " + path + " needs the "
                    + needed.name().toLowerCase() + " role", null);
            return;
        }
        request.setAttribute(Operator.ATTRIBUTE, operator);
        chain.doFilter(request, response);
    }

    /**
     * Paths anyone may reach: health for probes, static files holding no data (the dashboard's and the
     * saga inspection pages' scripts and styles), and the sign-in itself.
     */
    static boolean isOpen(String path, String method) {
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
            return true;
        }
        if (path.equals(SignInController.LOGIN) && method.equals("POST")) {
            return true;
        }
        return SAFE_METHODS.contains(method)
                && (path.equals("/") || path.startsWith("/dashboard/") || path.startsWith("/inspection/")
                        || path.equals("/favicon.ico"));
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        response.setHeader("Cache-Control", "no-store");
    }

    /** Null when the request comes from this hub's own pages (or from no browser at all), else why not. */
    static String crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "the browser reports the request as " + site + " (Sec-Fetch-Site); actions are accepted from the "
                    + "hub's own pages only";
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String host = request.getHeader("Host");
            String own = request.getScheme() + "://" + host;
            if (host == null || !origin.equalsIgnoreCase(own)) {
                return "Origin " + origin + " is not this hub (" + own + "); actions are accepted from the hub's own pages only";
            }
        }
        return null;
    }

    private Operator authenticate(HttpServletRequest request) throws Refusal {
        String token = request.getHeader(TOKEN_HEADER);
        String authorization = request.getHeader("Authorization");
        if ((token == null || token.isEmpty()) && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).strip();
            if (bearer.chars().filter(c -> c == '.').count() == 2) {
                return jwt(bearer);
            }
            token = bearer;
        }
        if (token == null || token.isEmpty()) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, "Sign-in required", ErrorCode.AUTHENTICATION_TOKEN_MISSING,
                    "Sign-in required: send Authorization: Bearer <your shop sign-in token or a hub token>, or the "
                            + TOKEN_HEADER + " header");
        }
        Optional<Application> application = access.authenticate(token);
        if (application.isEmpty()) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, "Invalid credential", ErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    "Invalid access token: not one of this hub's tokens");
        }
        Application app = application.get();
        if (app.http() == HttpRole.NONE) {
            throw new Refusal(HttpStatus.FORBIDDEN, "Forbidden", null,
                    app.refusal("use the HTTP API: its token is for gRPC only"));
        }
        return new Operator("token:" + app.name(), app.http(), "token");
    }

    private Operator jwt(String jwt) throws Refusal {
        Operator operator;
        try {
            operator = jwts.verify(jwt);
        } catch (JwtVerifier.InvalidJwtException e) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, "Invalid credential", ErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    e.getMessage());
        } catch (JwtVerifier.KeysUnavailableException e) {
            throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "Sign-in cannot be checked", null, e.getMessage());
        }
        if (operator.role() == HttpRole.NONE) {
            throw new Refusal(HttpStatus.FORBIDDEN, "Forbidden", null,
                    operator.name() + " has no role that may use the hub (viewer or operator roles: hub.sign-in.*)");
        }
        return operator;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                        String detail, ErrorCode code) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (code != null) {
            problem.setProperty("errorCode", code.code());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Why a request is not let through. */
    private static final class Refusal extends Exception {
        final HttpStatus status;
        final String title;
        final ErrorCode code;

        Refusal(HttpStatus status, String title, ErrorCode code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.title = title;
            this.code = code;
        }
    }
}
