package io.sagashop.notification;

/** The names of this service's event processing groups, shared by the handlers and the Axon settings. */
public final class ProcessingGroups {

    /**
     * The one group that keeps contact details and sends notifications. One group, so that a
     * customer's {@code UserRegistered} is always applied before that customer's order outcomes
     * (both are sequenced by customer id, see {@code ByCustomerSequencingPolicy}).
     */
    public static final String NOTIFICATIONS = "notifications";

    private ProcessingGroups() {
    }
}
