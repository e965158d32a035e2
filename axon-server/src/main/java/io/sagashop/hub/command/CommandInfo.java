package io.sagashop.hub.command;

import io.sagashop.hub.routing.LatencySummary;
import java.util.List;

/**
 * A command name in a context, as a dashboard shows it.
 *
 * @param context    the Axon context
 * @param name       the command name
 * @param handlers   the instances subscribed to it, by client id
 * @param dispatched commands of this name the hub received since it started
 * @param errors     of those, the ones answered with an error (no handler, handler error, timeout, handler lost)
 * @param latency    time from receipt to answer of the answered ones
 */
public record CommandInfo(String context, String name, List<CommandHandlerInfo> handlers,
                          long dispatched, long errors, LatencySummary latency) {
}
