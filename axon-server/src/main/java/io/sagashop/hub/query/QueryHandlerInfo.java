package io.sagashop.hub.query;

import java.util.Set;

/**
 * One handler instance of a query, as a dashboard shows it.
 *
 * @param clientId      the instance's client id
 * @param componentName the application it belongs to
 * @param resultNames   the result types it declared for the query
 * @param permits       queries the hub may still send it before it grants more
 * @param waiting       queries and instructions queued at the hub for it, waiting for permits
 * @param inFlight      queries sent to it (or waiting) and not yet completed
 */
public record QueryHandlerInfo(String clientId, String componentName, Set<String> resultNames,
                               long permits, int waiting, int inFlight) {
}
