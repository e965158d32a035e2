package io.sagashop.inspection.web;

import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTypeListView;
import io.sagashop.inspection.api.SagaTypeView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga and consistency pages' HTTP API under {@code /v1/dashboard}: checks the input, asks the
 * applications through the host's {@link InspectionClient} and passes their answers on as JSON.
 * Operator actions are recorded under the {@link OperatorSession}'s operator, with their outcome.
 * <p>
 * Who may call what is the host's business (its security runs before this): reading needs a
 * viewer, the POSTs an operator.
 */
@RestController
@RequestMapping("/v1/dashboard")
public class SagaInspectionController {

    /**
     * An operator action's body. Who acts is the signed-in operator, never a field of the request:
     * a body naming an {@code operator} is refused (400), so no script can believe it chose the name.
     *
     * @param reason   why; required to compensate or end a saga
     * @param operator must be absent
     */
    public record ActionRequest(String reason, String operator) {
    }

    /** What an accepted action answers. */
    public record ActionResult(String sagaType, String sagaId, String action, String operator, String status) {
    }

    /**
     * The consistency reports of every application that checks invariants.
     *
     * @param reports    one per application, by application name
     * @param clean      whether no report has a violation (true when no application checks anything)
     * @param violations the violations over all reports (each report's rule counts, not its cut list)
     */
    public record ConsistencyOverview(List<ConsistencyReportView> reports, boolean clean, long violations) {
    }

    private final InspectionClient client;
    private final OperatorSession session;

    public SagaInspectionController(InspectionClient client, OperatorSession session) {
        this.client = client;
        this.session = session;
    }

    /** Every saga type of every application that answers, by name, with its counts and actions. */
    @GetMapping("/saga-types")
    public SagaTypeListView sagaTypes() {
        return new SagaTypeListView(client.sagaTypes().stream()
                .sorted(Comparator.comparing(SagaTypeView::sagaType))
                .toList());
    }

    @GetMapping("/sagas")
    public SagaListView sagas(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
                              @RequestParam(required = false) String key,
                              @RequestParam(required = false) String olderThan,
                              @RequestParam(defaultValue = "100") int limit) {
        return find(type, Parameters.state("state", state), key, Parameters.instant("olderThan", olderThan), limit);
    }

    /** The sagas running without progress: {@code /sagas?state=STUCK}, for a bookmark and for probes. */
    @GetMapping("/sagas/stuck")
    public SagaListView stuck(@RequestParam(required = false) String type,
                              @RequestParam(defaultValue = "100") int limit) {
        return find(type, SagaState.STUCK, null, null, limit);
    }

    private SagaListView find(String type, SagaState state, String key, Instant olderThan, int limit) {
        FindSagasQuery query = new FindSagasQuery(Parameters.optionalText("type", type), state,
                Parameters.optionalText("key", key), olderThan,
                Parameters.limit("limit", limit, FindSagasQuery.MAX_LIMIT));
        return new SagaListView(client.sagas(query));
    }

    @GetMapping("/sagas/{type}/{sagaId}")
    public SagaDetailView saga(@PathVariable String type, @PathVariable String sagaId) {
        String sagaType = Parameters.text("type", type);
        String id = Parameters.text("sagaId", sagaId);
        return client.saga(sagaType, id).orElseThrow(() -> unknown(sagaType, id));
    }

    @GetMapping("/consistency")
    public ConsistencyOverview consistency(@RequestParam(defaultValue = "1000") int maxViolations) {
        List<ConsistencyReportView> reports = client.consistency(
                        Parameters.limit("maxViolations", maxViolations, ConsistencyReportQuery.MAX_VIOLATIONS))
                .stream()
                .sorted(Comparator.comparing(ConsistencyReportView::application,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        long violations = reports.stream()
                .mapToLong(r -> r.rules().values().stream().mapToLong(Integer::longValue).sum())
                .sum();
        return new ConsistencyOverview(reports, violations == 0, violations);
    }

    @PostMapping("/sagas/{type}/{sagaId}/{action:retry|compensate|end}")
    public ActionResult act(@PathVariable String type, @PathVariable String sagaId, @PathVariable String action,
                            @RequestBody(required = false) ActionRequest request, HttpServletRequest http) {
        String sagaType = Parameters.text("type", type);
        String id = Parameters.text("sagaId", sagaId);
        if (request != null && request.operator() != null) {
            throw new InvalidParameterException("operator", "operator cannot be given: the action is recorded under "
                    + "the signed-in operator's name");
        }
        SagaAction what = SagaAction.valueOf(action.toUpperCase(Locale.ROOT));
        String reason = reason(what, request == null ? null : request.reason());
        String operator = session.operator(http);
        String auditAction = "saga " + action;
        String target = "saga " + sagaType + " " + id;
        try {
            // Asked first so that an unknown saga is a 404, whatever the application's refusal says.
            if (client.saga(sagaType, id).isEmpty()) {
                throw unknown(sagaType, id);
            }
            client.act(new SagaActionCommand(sagaType, id, what, operator, reason));
        } catch (InspectionClientException e) {
            session.audit(http, auditAction, target, "refused (" + e.status() + "): " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            session.audit(http, auditAction, target, "failed: " + e.getMessage());
            throw e;
        }
        session.audit(http, auditAction, target, "done");
        return new ActionResult(sagaType, id, action, operator, "done");
    }

    private static String reason(SagaAction action, String reason) {
        if (reason == null || reason.isBlank()) {
            if (action == SagaAction.RETRY) {
                return null;
            }
            throw new InvalidParameterException("reason", "reason is required to " + action.name().toLowerCase(Locale.ROOT)
                    + " a saga");
        }
        if (reason.length() > Parameters.MAX_REASON) {
            throw new InvalidParameterException("reason", "reason must be at most " + Parameters.MAX_REASON
                    + " characters");
        }
        return reason.strip();
    }

    private static InspectionClientException unknown(String sagaType, String sagaId) {
        return new InspectionClientException(404, "Not found",
                "No application knows a saga " + sagaId + " of type " + sagaType);
    }
}
