package io.sagashop.platform.test.app;

import io.sagashop.platform.test.app.WidgetMessages.AnsweringThread;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers queries about how a query reached this service. */
@Component
class WidgetQueries {

    @QueryHandler
    String answer(AnsweringThread query) {
        return Thread.currentThread().getName();
    }
}
