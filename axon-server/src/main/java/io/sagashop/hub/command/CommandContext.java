package io.sagashop.hub.command;

import io.sagashop.hub.routing.LatencySummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command handlers of one Axon context. Dispatching reads immutable {@link Handlers}
 * snapshots without locking; the rare membership changes (subscribe, unsubscribe, a stream
 * closing) take this object's monitor and publish a new snapshot.
 */
final class CommandContext {

    /** One subscribed instance of a command name. */
    record Member(CommandHandlerConnection connection, String clientId, String componentName, int loadFactor) {
    }

    /** The instances of one command name and the ring routing keys over them. */
    record Handlers(Map<String, Member> members, HashRing<Member> ring) {
    }

    final String name;
    private final int virtualNodes;
    private final ConcurrentHashMap<String, Handlers> handlers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CommandStats> stats = new ConcurrentHashMap<>();
    final Set<CommandHandlerConnection> connections = ConcurrentHashMap.newKeySet();

    CommandContext(String name, int virtualNodes) {
        this.name = name;
        this.virtualNodes = virtualNodes;
    }

    Handlers handlers(String command) {
        return handlers.get(command);
    }

    CommandStats stats(String command) {
        CommandStats existing = stats.get(command);
        return existing != null ? existing : stats.computeIfAbsent(command, c -> new CommandStats());
    }

    /**
     * Makes the connection the member for its client id (a newer stream of the same client
     * replaces an older one) and returns the connection it replaced, if any.
     */
    synchronized CommandHandlerConnection subscribe(CommandHandlerConnection connection, String command,
                                                    String clientId, String componentName, int loadFactor) {
        Handlers current = handlers.get(command);
        Map<String, Member> members = current == null ? new HashMap<>() : new HashMap<>(current.members());
        Member previous = members.put(clientId, new Member(connection, clientId, componentName, loadFactor));
        // Name first, ring second: a command the new ring sends here must find the name.
        connection.names.add(command);
        publish(command, members);
        if (previous != null && previous.connection() != connection) {
            // The ring is already updated, so the old stream's queued commands reroute to the new one.
            previous.connection().names.remove(command);
            return previous.connection();
        }
        return null;
    }

    /** Removes the connection as a handler of the command; false when it was not one. */
    synchronized boolean unsubscribe(CommandHandlerConnection connection, String command) {
        Handlers current = handlers.get(command);
        if (current == null) {
            return false;
        }
        Member member = current.members().get(connection.clientId());
        if (member == null || member.connection() != connection) {
            return false;
        }
        Map<String, Member> members = new HashMap<>(current.members());
        members.remove(connection.clientId());
        // Ring first, name second: a command refused here for want of the name is routed by the new ring.
        publish(command, members);
        connection.names.remove(command);
        return true;
    }

    /** Takes a draining connection out of every ring it is in; it stays listed until it closes. */
    synchronized void unroute(CommandHandlerConnection connection) {
        for (String command : List.copyOf(connection.names)) {
            unsubscribe(connection, command);
        }
    }

    /** Takes a closing connection out of every ring it is in. */
    synchronized void detach(CommandHandlerConnection connection) {
        for (String command : List.copyOf(connection.names)) {
            unsubscribe(connection, command);
        }
        connection.names.clear();
        connections.remove(connection);
    }

    List<CommandHandlerConnection> connectionsOf(String clientId) {
        List<CommandHandlerConnection> result = new ArrayList<>();
        for (CommandHandlerConnection connection : connections) {
            if (clientId.equals(connection.clientId())) {
                result.add(connection);
            }
        }
        return result;
    }

    /** Commands dispatched so far, all names together (cheap: no latency percentiles). */
    long dispatchedTotal() {
        return stats.values().stream().mapToLong(counters -> counters.dispatched.sum()).sum();
    }

    List<CommandInfo> snapshot() {
        List<CommandInfo> result = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(stats.keySet());
        names.addAll(handlers.keySet());
        for (String command : names) {
            Handlers current = handlers.get(command);
            List<CommandHandlerInfo> infos = new ArrayList<>();
            if (current != null) {
                current.members().values().stream()
                        .sorted(java.util.Comparator.comparing(Member::clientId))
                        .forEach(m -> infos.add(new CommandHandlerInfo(m.clientId(), m.componentName(), m.loadFactor(),
                                m.connection().permits(), m.connection().waiting(), m.connection().inFlightCount())));
            }
            CommandStats counters = stats.get(command);
            result.add(new CommandInfo(name, command, List.copyOf(infos),
                    counters == null ? 0 : counters.dispatched.sum(),
                    counters == null ? 0 : counters.errors.sum(),
                    counters == null ? LatencySummary.EMPTY : counters.latency.summary()));
        }
        return result;
    }

    private void publish(String command, Map<String, Member> members) {
        if (members.isEmpty()) {
            handlers.remove(command);
        } else {
            handlers.put(command, new Handlers(Map.copyOf(members),
                    HashRing.of(members.values(), Member::clientId, Member::loadFactor, virtualNodes)));
        }
    }
}
