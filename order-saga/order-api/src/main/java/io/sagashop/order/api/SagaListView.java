package io.sagashop.order.api;

import java.util.List;

/**
 * A list of sagas (wrapped: a bare list loses its element type across the hub).
 *
 * @param sagas the sagas
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record SagaListView(List<SagaSummaryView> sagas) {

    public SagaListView {
        sagas = List.copyOf(sagas);
    }
}
