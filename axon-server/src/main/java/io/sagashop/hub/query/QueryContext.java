package io.sagashop.hub.query;

import io.sagashop.hub.routing.LatencySummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The query handlers and open subscription queries of one Axon context. Dispatching reads
 * immutable {@link Handlers} snapshots without locking; membership changes and the
 * subscription registry take this object's monitor. Nothing under the monitor writes to a
 * stream: callers get back what to send and send it after.
 */
final class QueryContext {

    /** One subscribed instance of a query name. */
    record Member(QueryHandlerConnection connection, String clientId, String componentName, Set<String> resultNames) {
    }

    /** The instances of one query name, grouped by component for "one instance per component". */
    static final class Handlers {
        final Map<String, Member> members;
        final Member[][] components;
        private final AtomicInteger next = new AtomicInteger();

        Handlers(Map<String, Member> members) {
            this.members = Map.copyOf(members);
            Map<String, List<Member>> byComponent = new LinkedHashMap<>();
            members.values().stream().sorted(Comparator.comparing(Member::clientId))
                    .forEach(m -> byComponent.computeIfAbsent(m.componentName(), c -> new ArrayList<>()).add(m));
            this.components = byComponent.values().stream().map(l -> l.toArray(Member[]::new)).toArray(Member[][]::new);
        }

        /** One live instance of every component, taking turns within a component. */
        List<QueryHandlerConnection> onePerComponent() {
            int turn = next.getAndIncrement();
            List<QueryHandlerConnection> result = new ArrayList<>(components.length);
            for (Member[] instances : components) {
                QueryHandlerConnection chosen = pick(instances, turn);
                if (chosen != null) {
                    result.add(chosen);
                }
            }
            return result;
        }

        /** One live instance of all, taking turns. */
        QueryHandlerConnection one() {
            int turn = next.getAndIncrement();
            for (int i = 0; i < components.length; i++) {
                QueryHandlerConnection chosen = pick(components[Math.floorMod(turn + i, components.length)], turn);
                if (chosen != null) {
                    return chosen;
                }
            }
            return null;
        }

        private static QueryHandlerConnection pick(Member[] instances, int turn) {
            for (int i = 0; i < instances.length; i++) {
                Member member = instances[Math.floorMod(turn + i, instances.length)];
                if (!member.connection().isClosed() && !member.connection().isDraining()) {
                    return member.connection();
                }
            }
            return null;
        }
    }

    final String name;
    private final ConcurrentHashMap<String, Handlers> handlers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, QueryStats> stats = new ConcurrentHashMap<>();
    final Set<QueryHandlerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Open subscription queries by subscription id. */
    final ConcurrentHashMap<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<String, Set<ActiveSubscription>> subscriptionsByQuery = new HashMap<>();

    QueryContext(String name) {
        this.name = name;
    }

    Handlers handlers(String query) {
        return handlers.get(query);
    }

    QueryStats stats(String query) {
        QueryStats existing = stats.get(query);
        return existing != null ? existing : stats.computeIfAbsent(query, q -> new QueryStats());
    }

    /**
     * Adds the connection as a handler of the query (a newer stream of the same client replaces
     * an older one) and returns the open subscriptions of that query it must now be told about.
     */
    synchronized List<ActiveSubscription> subscribe(QueryHandlerConnection connection, String query, String resultName) {
        Handlers current = handlers.get(query);
        Map<String, Member> members = current == null ? new HashMap<>() : new HashMap<>(current.members);
        Member existing = members.get(connection.clientId());
        Set<String> resultNames = new TreeSet<>();
        if (existing != null && existing.connection() == connection) {
            resultNames.addAll(existing.resultNames());
        } else if (existing != null) {
            QueryHandlerConnection replaced = existing.connection();
            replaced.queries.remove(query);
            for (ActiveSubscription subscription : subscriptionsByQuery.getOrDefault(query, Set.of())) {
                if (subscription.handlers.remove(replaced)) {
                    replaced.subscriptions.remove(subscription);
                }
            }
        }
        resultNames.add(resultName);
        members.put(connection.clientId(), new Member(connection, connection.clientId(), connection.componentName(),
                Set.copyOf(resultNames)));
        handlers.put(query, new Handlers(members));
        connection.queries.add(query);
        List<ActiveSubscription> toTell = new ArrayList<>();
        for (ActiveSubscription subscription : subscriptionsByQuery.getOrDefault(query, Set.of())) {
            if (subscription.handlers.add(connection)) {
                connection.subscriptions.add(subscription);
                toTell.add(subscription);
            }
        }
        return toTell;
    }

    /** Removes the connection as a handler of the query. */
    synchronized void unsubscribe(QueryHandlerConnection connection, String query) {
        Handlers current = handlers.get(query);
        if (current == null) {
            return;
        }
        Member member = current.members.get(connection.clientId());
        if (member == null || member.connection() != connection) {
            return;
        }
        Map<String, Member> members = new HashMap<>(current.members);
        members.remove(connection.clientId());
        if (members.isEmpty()) {
            handlers.remove(query);
        } else {
            handlers.put(query, new Handlers(members));
        }
        connection.queries.remove(query);
        for (ActiveSubscription subscription : subscriptionsByQuery.getOrDefault(query, Set.of())) {
            if (subscription.handlers.remove(connection)) {
                connection.subscriptions.remove(subscription);
            }
        }
    }

    /** Takes a closing connection out of every query and subscription. */
    synchronized void detach(QueryHandlerConnection connection) {
        unroute(connection);
        connections.remove(connection);
    }

    /**
     * Takes a connection out of every query and subscription, so nothing new is routed to it; it
     * stays among the connections, so the queries it runs still time out.
     */
    synchronized void unroute(QueryHandlerConnection connection) {
        for (String query : List.copyOf(connection.queries)) {
            unsubscribe(connection, query);
        }
        for (ActiveSubscription subscription : connection.subscriptions) {
            subscription.handlers.remove(connection);
        }
        connection.subscriptions.clear();
    }

    /**
     * Registers an open subscription and returns the handlers to tell about it; empty when no
     * instance handles the query (then nothing is registered); null when the id is taken.
     */
    synchronized List<QueryHandlerConnection> open(ActiveSubscription subscription) {
        if (subscriptions.containsKey(subscription.id)) {
            return null;
        }
        Handlers current = handlers.get(subscription.queryName);
        if (current == null) {
            return List.of();
        }
        subscriptions.put(subscription.id, subscription);
        subscriptionsByQuery.computeIfAbsent(subscription.queryName, q -> new HashSet<>()).add(subscription);
        List<QueryHandlerConnection> targets = new ArrayList<>();
        for (Member member : current.members.values()) {
            if (subscription.handlers.add(member.connection())) {
                member.connection().subscriptions.add(subscription);
                targets.add(member.connection());
            }
        }
        return targets;
    }

    /** Unregisters a subscription and returns the handlers to tell it ended (empty when it was gone already). */
    synchronized Collection<QueryHandlerConnection> close(ActiveSubscription subscription) {
        if (!subscriptions.remove(subscription.id, subscription)) {
            return List.of();
        }
        Set<ActiveSubscription> ofQuery = subscriptionsByQuery.get(subscription.queryName);
        if (ofQuery != null) {
            ofQuery.remove(subscription);
            if (ofQuery.isEmpty()) {
                subscriptionsByQuery.remove(subscription.queryName);
            }
        }
        List<QueryHandlerConnection> targets = new ArrayList<>(subscription.handlers);
        for (QueryHandlerConnection connection : targets) {
            connection.subscriptions.remove(subscription);
        }
        subscription.handlers.clear();
        return targets;
    }

    List<QueryHandlerConnection> connectionsOf(String clientId) {
        List<QueryHandlerConnection> result = new ArrayList<>();
        for (QueryHandlerConnection connection : connections) {
            if (clientId.equals(connection.clientId())) {
                result.add(connection);
            }
        }
        return result;
    }

    /** Queries dispatched so far, all names together (cheap: no latency percentiles). */
    long queriesTotal() {
        return stats.values().stream().mapToLong(counters -> counters.queries.sum()).sum();
    }

    List<QueryInfo> snapshot() {
        Set<String> names = new TreeSet<>(stats.keySet());
        names.addAll(handlers.keySet());
        Map<String, Integer> active = new HashMap<>();
        for (ActiveSubscription subscription : subscriptions.values()) {
            active.merge(subscription.queryName, 1, Integer::sum);
        }
        List<QueryInfo> result = new ArrayList<>();
        for (String query : names) {
            Handlers current = handlers.get(query);
            List<QueryHandlerInfo> infos = new ArrayList<>();
            if (current != null) {
                current.members.values().stream().sorted(Comparator.comparing(Member::clientId))
                        .forEach(m -> infos.add(new QueryHandlerInfo(m.clientId(), m.componentName(), m.resultNames(),
                                m.connection().permits(), m.connection().waiting(), m.connection().inFlightCount())));
            }
            QueryStats counters = stats.get(query);
            result.add(new QueryInfo(name, query, List.copyOf(infos),
                    counters == null ? 0 : counters.queries.sum(),
                    counters == null ? 0 : counters.errors.sum(),
                    counters == null ? 0 : counters.subscriptions.sum(),
                    active.getOrDefault(query, 0),
                    counters == null ? LatencySummary.EMPTY : counters.latency.summary()));
        }
        return result;
    }
}
