package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.grpc.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code hub.access-token} set, every HTTP request except the health check must carry it in
 * the {@code AxonIQ-Access-Token} header, as Axon Server's REST API takes it; otherwise 401 with
 * a problem+json body naming AXONIQ-1000 (missing) or AXONIQ-1001 (wrong).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessTokenFilter extends OncePerRequestFilter {

    static final String HEADER = "AxonIQ-Access-Token";

    private final byte[] expected;
    private final ObjectMapper json;

    AccessTokenFilter(HubProperties properties, ObjectMapper json) {
        this.expected = properties.accessControlEnabled()
                ? properties.accessToken().getBytes(StandardCharsets.UTF_8) : null;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Health stays open: load balancers and ./shop probe it without credentials. The dashboard's
        // static files hold no data (the pages fetch it from /v1/ with the token), and a browser
        // cannot add a header to a page load; they must load for the login form to show.
        return expected == null || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/") || path.startsWith("/dashboard/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(HEADER);
        if (token == null || token.isEmpty()) {
            refuse(request, response, ErrorCode.AUTHENTICATION_TOKEN_MISSING,
                    "Access token missing: send it in the " + HEADER + " header");
        } else if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            refuse(request, response, ErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    "Invalid access token in the " + HEADER + " header");
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, message);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errorCode", code.code());
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
