package io.sagashop.order;

import io.sagashop.inspection.api.FindSagaQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.order.api.OrderId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * An order's sagas as the inspection protocol answers them (the order id is their key): for the
 * service tests, through the hub.
 */
public final class OrderSagas {

    private OrderSagas() {
    }

    /** Every saga of the order, most recently active first. */
    public static List<SagaSummaryView> of(QueryGateway queries, OrderId order) {
        return queries.query(new FindSagasQuery(null, null, order.toString(), null, 10), ResponseTypes.instanceOf(SagaListView.class))
                .join().sagas();
    }

    /**
     * The order's latest saga (by start), with the timeline of every saga the order had, oldest
     * entry first (a cancellation after confirmation starts a second saga).
     */
    public static Optional<SagaDetailView> latest(QueryGateway queries, OrderId order) {
        List<SagaSummaryView> sagas = of(queries, order);
        if (sagas.isEmpty()) {
            return Optional.empty();
        }
        SagaSummaryView latest = sagas.stream().max(Comparator.comparing(SagaSummaryView::startedAt)
                .thenComparing(SagaSummaryView::lastActivityAt)).orElseThrow();
        List<SagaTimelineEntryView> timeline = new ArrayList<>();
        for (SagaSummaryView saga : sagas) {
            queries.query(new FindSagaQuery(saga.sagaType(), saga.sagaId()), ResponseTypes.optionalInstanceOf(SagaDetailView.class))
                    .join().ifPresent(detail -> timeline.addAll(detail.timeline()));
        }
        timeline.sort(Comparator.comparing(SagaTimelineEntryView::at));
        return Optional.of(new SagaDetailView(latest, timeline));
    }
}
