package io.sagashop.recommendation.history;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductDetailsUpdated;
import io.sagashop.catalog.api.ProductDiscontinued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Table {@code known_product} from the catalog's events. Each handler writes absolute values, so
 * an event delivered twice leaves the row as it was; {@code ProductAdded} never overwrites, so a
 * replayed one cannot undo a later discontinuation. Prices are not kept: suggestions do not use them.
 */
@Component
@ProcessingGroup(Views.PROCESSING_GROUP)
class ProductProjection {

    private final JdbcClient db;

    ProductProjection(JdbcClient db) {
        this.db = db;
    }

    @EventHandler
    void on(ProductAdded event) {
        db.sql("INSERT IGNORE INTO known_product (product_id, name, category, discontinued) VALUES (?, ?, ?, FALSE)")
                .params(event.productId().value(), event.name(), event.category())
                .update();
    }

    @EventHandler
    void on(ProductDetailsUpdated event) {
        db.sql("UPDATE known_product SET name = ?, category = ? WHERE product_id = ?")
                .params(event.name(), event.category(), event.productId().value())
                .update();
    }

    @EventHandler
    void on(ProductDiscontinued event) {
        db.sql("UPDATE known_product SET discontinued = TRUE WHERE product_id = ?")
                .param(event.productId().value())
                .update();
    }

    @ResetHandler
    void reset() {
        db.sql("DELETE FROM known_product").update();
    }
}
