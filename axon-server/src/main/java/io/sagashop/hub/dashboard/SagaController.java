package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.hub.signin.AuditTrail;
import io.sagashop.hub.signin.Operator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga pages' API: relays the order service's saga queries and operator commands (the
 * contract in {@code io.sagashop.order.api}) through the hub and passes its answers on as JSON.
 */
@RestController
@RequestMapping("/v1/dashboard")
class SagaController {

    /** The order service's {@code SagaState} names; checked here so a typo is a 400, not an error there. */
    static final List<String> STATES = List.of("ACTIVE", "COMPLETED", "COMPENSATED", "STUCK", "ENDED_BY_OPERATOR");

    /**
     * An operator action's body. Who acts is the signed-in operator, never a field of the request:
     * a body naming an {@code operator} is refused (400), so no script can believe it chose the name.
     *
     * @param reason   why; required to compensate or end a saga
     * @param operator must be absent
     */
    record ActionRequest(String reason, String operator) {
    }

    /** What an accepted action answers. */
    record ActionResult(String orderId, String action, String operator, String status) {
    }

    private final OrderServiceGateway orderService;
    private final AuditTrail audit;

    SagaController(OrderServiceGateway orderService, AuditTrail audit) {
        this.orderService = orderService;
        this.audit = audit;
    }

    @GetMapping("/sagas")
    JsonNode sagas(@RequestParam(required = false) String state, @RequestParam(required = false) String olderThan,
                   @RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (state != null && !state.isBlank() && !STATES.contains(state)) {
            throw new BadParameterException("state", "state must be one of " + STATES + ", not '" + state + "'");
        }
        query.put("state", state == null || state.isBlank() ? null : state);
        query.put("olderThan", olderThan == null || olderThan.isBlank() ? null : instant("olderThan", olderThan));
        query.put("limit", limit("limit", limit, 1000));
        return orderService.query("FindSagasQuery", query, "SagaListView", false);
    }

    @GetMapping("/sagas/stuck")
    JsonNode stuck(@RequestParam(defaultValue = "100") int limit) {
        return orderService.query("FindStuckSagasQuery", Map.of("limit", limit("limit", limit, 1000)),
                "SagaListView", false);
    }

    @GetMapping("/sagas/{orderId}")
    JsonNode saga(@PathVariable String orderId) {
        JsonNode detail = orderService.query("FindSagaQuery", Map.of("orderId", orderId(orderId)), "SagaDetailView", true);
        if (detail.isNull()) {
            throw new OrderServiceException(HttpStatus.NOT_FOUND, "Not found", "Order " + orderId + " has no saga");
        }
        return detail;
    }

    @GetMapping("/orders/{orderId}")
    JsonNode order(@PathVariable String orderId) {
        JsonNode order = orderService.query("FindOrderQuery", Map.of("orderId", orderId(orderId)), "OrderView", true);
        if (order.isNull()) {
            throw new OrderServiceException(HttpStatus.NOT_FOUND, "Not found", "No order " + orderId);
        }
        return order;
    }

    @GetMapping("/audit")
    JsonNode audit(@RequestParam(defaultValue = "1000") int maxViolations) {
        return orderService.query("AuditQuery", Map.of("maxViolations", limit("maxViolations", maxViolations, 10_000)),
                "AuditReportView", false);
    }

    @PostMapping("/sagas/{orderId}/retry")
    ActionResult retry(@PathVariable String orderId, @RequestBody(required = false) ActionRequest request,
                       HttpServletRequest http) {
        Operator operator = signedIn(http, request);
        return act(operator, "retry", orderId, () -> orderService.send("RetryOrderStep", orderId,
                Map.of("orderId", orderId(orderId), "operator", operator.name()), operator.name()));
    }

    @PostMapping("/sagas/{orderId}/compensate")
    ActionResult compensate(@PathVariable String orderId, @RequestBody(required = false) ActionRequest request,
                            HttpServletRequest http) {
        Operator operator = signedIn(http, request);
        Map<String, Object> payload = Map.of("orderId", orderId(orderId), "operator", operator.name(),
                "reason", reason(request));
        return act(operator, "compensate", orderId,
                () -> orderService.send("CompensateOrder", orderId, payload, operator.name()));
    }

    @PostMapping("/sagas/{orderId}/end")
    ActionResult end(@PathVariable String orderId, @RequestBody(required = false) ActionRequest request,
                     HttpServletRequest http) {
        Operator operator = signedIn(http, request);
        Map<String, Object> payload = Map.of("orderId", orderId(orderId), "operator", operator.name(),
                "reason", reason(request));
        return act(operator, "end", orderId, () -> orderService.send("EndOrderSaga", orderId, payload, operator.name()));
    }

    private ActionResult act(Operator operator, String action, String orderId, Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            audit.record(operator, "saga " + action, "order " + orderId, "refused: " + e.getMessage());
            throw e;
        }
        audit.record(operator, "saga " + action, "order " + orderId, "done");
        return new ActionResult(orderId, action, operator.name(), "done");
    }

    /** {@code OrderId} is a record with one component, so Jackson writes it as an object. */
    private static Map<String, String> orderId(String orderId) {
        if (orderId.isBlank() || orderId.length() > 200) {
            throw new BadParameterException("orderId", "orderId must be 1 to 200 characters");
        }
        return Map.of("value", orderId);
    }

    /** The signed-in operator; a request that names one itself is refused. */
    private static Operator signedIn(HttpServletRequest http, ActionRequest request) {
        if (request != null && request.operator() != null) {
            throw new BadParameterException("operator", "operator cannot be given: the action is recorded under the "
                    + "signed-in operator's name");
        }
        return Operator.of(http);
    }

    private static String reason(ActionRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new BadParameterException("reason", "reason is required");
        }
        if (request.reason().length() > 500) {
            throw new BadParameterException("reason", "reason must be at most 500 characters");
        }
        return request.reason().strip();
    }

    static int limit(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new BadParameterException(field, field + " must be between 1 and " + max + ", not " + value);
        }
        return value;
    }

    static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(field, field + " must be an ISO-8601 instant like 2026-11-26T10:00:00Z, not '"
                    + value + "'");
        }
    }
}
