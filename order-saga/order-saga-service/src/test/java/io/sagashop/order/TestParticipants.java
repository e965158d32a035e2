package io.sagashop.order;

import io.sagashop.catalog.api.FindPricesQuery;
import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.PriceListView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.api.FindStuckSagasQuery;
import io.sagashop.order.api.SagaListView;
import io.sagashop.order.api.SagaSummaryView;
import io.sagashop.payment.api.FindAllPaymentsQuery;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.payment.api.PaymentView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stand-ins for the services this one asks, connected through the hub like the real ones: the
 * catalog's prices and stock levels, the payment service's payments and the saga side's stuck
 * list (the saga is another engineer's; its real handler replaces this one once merged). What
 * they answer is set by the test. Also a clock the test can move, for the audit's deadlines.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestParticipants {

    @Bean
    Catalog testCatalog() {
        return new Catalog();
    }

    @Bean
    Payments testPayments() {
        return new Payments();
    }

    @Bean
    Sagas testSagas() {
        return new Sagas();
    }

    @Bean
    MovableClock testClock() {
        return new MovableClock();
    }

    /** The catalog: prices and stock levels as set. */
    public static class Catalog {
        private final Map<ProductId, ProductPriceView> prices = new ConcurrentHashMap<>();
        private final List<StockLevelsView> stock = new CopyOnWriteArrayList<>();

        public void price(ProductPriceView price) {
            prices.put(price.productId(), price);
        }

        public void stock(List<StockLevelsView> levels) {
            stock.clear();
            stock.addAll(levels);
        }

        @QueryHandler
        PriceListView handle(FindPricesQuery query) {
            return new PriceListView(query.productIds().stream().map(prices::get).filter(p -> p != null).toList());
        }

        @QueryHandler
        StockLevelsListView handle(FindStockLevelsQuery query) {
            return new StockLevelsListView(List.copyOf(stock));
        }
    }

    /** The payment service's payments as set. */
    public static class Payments {
        private final List<PaymentView> payments = new CopyOnWriteArrayList<>();

        public void set(List<PaymentView> list) {
            payments.clear();
            payments.addAll(list);
        }

        @QueryHandler
        PaymentListView handle(FindAllPaymentsQuery query) {
            return new PaymentListView(List.copyOf(payments));
        }
    }

    /** The saga side's stuck sagas as set. */
    public static class Sagas {
        private final List<SagaSummaryView> stuck = new CopyOnWriteArrayList<>();

        public void stuck(List<SagaSummaryView> list) {
            stuck.clear();
            stuck.addAll(list);
        }

        @QueryHandler
        SagaListView handle(FindStuckSagasQuery query) {
            return new SagaListView(List.copyOf(stuck));
        }
    }

    /** The system clock, shifted by what the test asks. */
    public static class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        public void advance(Duration by) {
            offset = offset.plus(by);
        }

        public void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
