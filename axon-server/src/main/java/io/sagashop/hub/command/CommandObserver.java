package io.sagashop.hub.command;

/**
 * Told about every command the router answers (for the dashboard's journal). Called on the
 * thread that answers the command, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface CommandObserver {

    void routed(RoutedCommand command);
}
