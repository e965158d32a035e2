package io.sagashop.console.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The security chain's refusals as RFC 7807 problem+json, like every other answer of the console:
 * 401 with {@code WWW-Authenticate: Bearer} when the credential is missing or not acceptable,
 * 403 when it names someone who may not do this, or when the request is cross-site.
 */
@Component
class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"sagashop-console\"");
            write(request, response, HttpStatus.UNAUTHORIZED, "Sign-in required", detail(exception));
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) -> {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            ConsoleRole role = user == null ? null : ConsoleRole.of(user.getAuthorities());
            String who = user == null ? "you" : user.getName();
            String detail = role == null
                    ? who + " has no role that may use the console (console.sign-in.operator-roles, viewer-roles)"
                    : who + " is signed in as " + role.name().toLowerCase() + "; " + request.getMethod() + " "
                            + request.getRequestURI() + " needs the operator role";
            write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
        };
    }

    private static String detail(AuthenticationException exception) {
        if (exception instanceof InvalidBearerTokenException) {
            return "Invalid or expired sign-in token: " + exception.getMessage();
        }
        return "Sign-in required: send Authorization: Bearer <your shop sign-in token> (POST /v1/auth/login gives one)";
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
