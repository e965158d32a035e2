package io.sagashop.inspection.api;

import java.util.List;

/**
 * A list of sagas (wrapped: a bare list loses its element type across the hub).
 *
 * @param sagas the sagas
 */
public record SagaListView(List<SagaSummaryView> sagas) {
    public SagaListView {
        sagas = List.copyOf(sagas);
    }
}
