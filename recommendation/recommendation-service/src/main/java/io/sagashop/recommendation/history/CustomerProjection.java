package io.sagashop.recommendation.history;

import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserRegistered;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tables {@code customer} and {@code favourite_category} from the user service's events. A
 * preferences change replaces the whole list, so applying it twice changes nothing.
 */
@Component
@ProcessingGroup(Views.PROCESSING_GROUP)
class CustomerProjection {

    private final JdbcClient db;

    CustomerProjection(JdbcClient db) {
        this.db = db;
    }

    @EventHandler
    void on(UserRegistered event) {
        register(event.userId().value());
    }

    @EventHandler
    void on(UserPreferencesChanged event) {
        String customerId = event.userId().value();
        register(customerId);
        db.sql("DELETE FROM favourite_category WHERE customer_id = ?").param(customerId).update();
        List<String> categories = event.favouriteCategories() == null ? List.of() : event.favouriteCategories();
        for (int position = 0; position < categories.size(); position++) {
            db.sql("INSERT INTO favourite_category (customer_id, position, category) VALUES (?, ?, ?)")
                    .params(customerId, position, categories.get(position))
                    .update();
        }
    }

    private void register(String customerId) {
        db.sql("INSERT IGNORE INTO customer (customer_id) VALUES (?)").param(customerId).update();
    }

    @ResetHandler
    void reset() {
        db.sql("DELETE FROM favourite_category").update();
        db.sql("DELETE FROM customer").update();
    }
}
