package io.sagashop.hub.eventstore;

import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.signin.AuditTrail;
import io.sagashop.hub.signin.Operator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Axon Server's development-mode reset: {@code DELETE /v1/devmode/purge-events} empties the event
 * store (every context, or the one named by {@code context}). Refused with 403 unless
 * {@code hub.devmode.enabled} is true.
 */
@RestController
class DevModePurgeController {

    private final EventStoreService eventStore;
    private final HubProperties properties;
    private final AuditTrail audit;

    DevModePurgeController(EventStoreService eventStore, HubProperties properties, AuditTrail audit) {
        this.eventStore = eventStore;
        this.properties = properties;
        this.audit = audit;
    }

    @DeleteMapping("/v1/devmode/purge-events")
    ResponseEntity<?> purgeEvents(@RequestParam(name = "context", required = false) String context,
                                  HttpServletRequest http) {
        if (!properties.devmode().enabled()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "Purging events is a development-mode operation and development mode is off:"
                            + " start the hub with hub.devmode.enabled=true to allow it.");
            problem.setTitle("Development mode disabled");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        List<String> contexts = context == null || context.isBlank() ? eventStore.contexts() : List.of(context);
        if (!eventStore.contexts().containsAll(contexts)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "Unknown context '" + context + "'; this hub serves " + eventStore.contexts());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        contexts.forEach(eventStore::purge);
        audit.record(Operator.of(http), "purge events", "contexts " + contexts, "done");
        return ResponseEntity.ok(Map.of("purged", contexts));
    }
}
