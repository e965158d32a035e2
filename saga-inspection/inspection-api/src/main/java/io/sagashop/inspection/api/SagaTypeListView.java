package io.sagashop.inspection.api;

import java.util.List;

/**
 * One application's saga types (wrapped: a bare list loses its element type across the hub).
 *
 * @param types the types, by name
 */
public record SagaTypeListView(List<SagaTypeView> types) {
    public SagaTypeListView {
        types = List.copyOf(types);
    }
}
