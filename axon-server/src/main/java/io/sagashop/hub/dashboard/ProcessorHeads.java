package io.sagashop.hub.dashboard;

import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.eventstore.EventBrowser;
import org.springframework.stereotype.Component;

/** The head token processors' lag is measured against; -1 (unknown) rather than an error for an unknown context. */
@Component
class ProcessorHeads {

    private final EventBrowser events;
    private final HubProperties hub;

    ProcessorHeads(EventBrowser events, HubProperties hub) {
        this.events = events;
        this.hub = hub;
    }

    long head(String context) {
        return hub.servesContext(context) ? events.head(context) : -1;
    }
}
