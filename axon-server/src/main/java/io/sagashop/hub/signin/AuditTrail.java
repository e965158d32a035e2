package io.sagashop.hub.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's record of what operators did: one line per action on the logger
 * {@code io.sagashop.hub.audit}, naming the signed-in operator (never a name the request chose).
 * Saga actions are also recorded by the application that runs the saga, in the saga's timeline.
 */
@Component
public class AuditTrail {

    private static final Logger audit = LoggerFactory.getLogger("io.sagashop.hub.audit");

    /** Records that {@code operator} asked for {@code action} on {@code target}, and how it ended. */
    public void record(Operator operator, String action, String target, String outcome) {
        audit.info("operator={} via={} action={} target={} outcome={}", operator.name(), operator.via(), action,
                target, outcome);
    }
}
