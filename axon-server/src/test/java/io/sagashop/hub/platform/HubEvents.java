package io.sagashop.hub.platform;

import io.sagashop.hub.testing.TestHub;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/** Records the application events of one type that a running hub publishes. */
public final class HubEvents {

    private HubEvents() {
    }

    public static <T> List<T> record(TestHub hub, Class<T> type) {
        List<T> events = new CopyOnWriteArrayList<>();
        hub.context().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
            if (type.isInstance(event.getPayload())) {
                events.add(type.cast(event.getPayload()));
            }
        });
        return events;
    }
}
