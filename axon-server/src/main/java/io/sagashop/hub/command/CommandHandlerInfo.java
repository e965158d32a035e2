package io.sagashop.hub.command;

/**
 * One handler instance of a command, as a dashboard shows it.
 *
 * @param clientId      the instance's client id
 * @param componentName the application it belongs to
 * @param loadFactor    its relative share of routing keys (100 is one normal share)
 * @param permits       commands the hub may still send it before it grants more
 * @param waiting       commands queued at the hub for it, waiting for permits
 * @param inFlight      commands sent to it and not yet answered
 */
public record CommandHandlerInfo(String clientId, String componentName, int loadFactor,
                                 long permits, int waiting, int inFlight) {
}
