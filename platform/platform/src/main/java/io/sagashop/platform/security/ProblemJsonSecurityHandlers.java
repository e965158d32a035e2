package io.sagashop.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.platform.axon.Correlation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filter chain as problem+json, keeping the standard WWW-Authenticate header. */
final class ProblemJsonSecurityHandlers {

    private final ObjectMapper objectMapper;

    ProblemJsonSecurityHandlers(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    AuthenticationEntryPoint entryPoint() {
        var standard = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            standard.commence(request, response, exception);
            write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is needed");
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        var standard = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            standard.handle(request, response, exception);
            write(response, HttpStatus.FORBIDDEN, "forbidden", "You may not do this");
        };
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("https://sagashop.io/problems/" + type));
        Correlation.current().ifPresent(c -> problem.setProperty("correlationId", c.correlationId()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
