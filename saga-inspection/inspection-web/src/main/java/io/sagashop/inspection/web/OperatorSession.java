package io.sagashop.inspection.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is signed in to the console and where their actions are recorded. The host's security
 * decides who may see the pages and who may act (the operator role); this names the operator an
 * action is recorded under, never a field of the request.
 */
public interface OperatorSession {

    /** The signed-in operator's name for an action request that passed the host's checks. */
    String operator(HttpServletRequest request);

    /** Records an operator action and its outcome in the host's audit trail. */
    void audit(HttpServletRequest request, String action, String target, String outcome);
}
