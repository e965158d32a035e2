package io.sagashop.console.signin;

import io.sagashop.inspection.web.OperatorSession;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names the operator of an action by the signed-in account (never by a field of the request) and
 * keeps the console's audit trail: one line per action on the logger {@code io.sagashop.console.audit},
 * e.g. {@code operator=ops@shop action=saga end target=saga OrderSaga 42 outcome=done}. The
 * application also records the action in the saga's timeline, under the same name.
 */
@Component
class ConsoleOperatorSession implements OperatorSession {

    private static final Logger audit = LoggerFactory.getLogger("io.sagashop.console.audit");

    @Override
    public String operator(HttpServletRequest request) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || ConsoleRole.of(user.getAuthorities()) != ConsoleRole.OPERATOR) {
            // The security chain lets only operators reach an action: this is a wiring mistake.
            throw new IllegalStateException("No signed-in operator on " + request.getRequestURI());
        }
        return user.getName();
    }

    @Override
    public void audit(HttpServletRequest request, String action, String target, String outcome) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        audit.info("operator={} address={} action={} target={} outcome={}", user == null ? "-" : user.getName(),
                request.getRemoteAddr(), action, target, outcome);
    }
}
