package io.sagashop.hub.dashboard;

import io.sagashop.hub.command.CommandHandlerInfo;
import io.sagashop.hub.command.CommandInfo;
import io.sagashop.hub.command.CommandRouter;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.config.ServerIdentity;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.ConnectedClient;
import io.sagashop.hub.platform.EventProcessorInstructions;
import io.sagashop.hub.platform.UnknownTargetException;
import io.sagashop.hub.query.QueryHandlerInfo;
import io.sagashop.hub.query.QueryInfo;
import io.sagashop.hub.query.QueryRouter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's read side of the hub's own state: the overview (applications, instances, what
 * each handles, live rates), per-name command and query statistics, and every component's
 * processors with their lag.
 */
@RestController
class OverviewController {

    /**
     * @param clientId       the instance's client id
     * @param host           the address its control stream came from
     * @param version        the connector's API version
     * @param connectedSince when it registered
     * @param commands       the command names it handles
     * @param queries        the query names it handles
     * @param processors     the event processors it reports
     */
    record Instance(String clientId, String host, String version, Instant connectedSince, Map<String, String> tags,
                    List<String> commands, List<String> queries, List<String> processors) {
    }

    record Application(String name, String context, List<Instance> instances) {
    }

    /**
     * @param applications the connected applications, by name
     * @param rates        messages per second over the last {@code hub.dashboard.rate-window}
     * @param commands     commands routed since the hub started
     * @param queries      queries routed since the hub started
     * @param head         the newest event's token (events stored − 1)
     * @param server       the hub itself: its name and build, and the Axon Server version it reports to clients
     */
    record Overview(String context, List<Application> applications, MessageRates.Rates rates, long commands,
                    long queries, long head, Server server) {
    }

    /** Who serves the dashboard: the hub's own identity, beside the Axon Server version clients see. */
    record Server(String name, String version, String axonServerVersion) {
    }

    /** One component's processors. */
    record ComponentProcessors(String component, long head, List<ProcessorView> processors) {
    }

    private final ClientRegistry registry;
    private final CommandRouter commands;
    private final QueryRouter queries;
    private final EventProcessorInstructions instructions;
    private final MessageRates rates;
    private final ProcessorHeads heads;
    private final HubProperties hub;
    private final ServerIdentity identity;

    OverviewController(ClientRegistry registry, CommandRouter commands, QueryRouter queries,
                       EventProcessorInstructions instructions, MessageRates rates, ProcessorHeads heads,
                       HubProperties hub, ServerIdentity identity) {
        this.identity = identity;
        this.registry = registry;
        this.commands = commands;
        this.queries = queries;
        this.instructions = instructions;
        this.rates = rates;
        this.heads = heads;
        this.hub = hub;
    }

    @GetMapping("/v1/dashboard/overview")
    Overview overview(@RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        checkContext(context);
        List<CommandInfo> commandInfos = commands.commands(context);
        List<QueryInfo> queryInfos = queries.queries(context);
        Map<String, List<String>> commandsByClient = new TreeMap<>();
        for (CommandInfo info : commandInfos) {
            for (CommandHandlerInfo handler : info.handlers()) {
                commandsByClient.computeIfAbsent(handler.clientId(), k -> new java.util.ArrayList<>()).add(info.name());
            }
        }
        Map<String, List<String>> queriesByClient = new TreeMap<>();
        for (QueryInfo info : queryInfos) {
            for (QueryHandlerInfo handler : info.handlers()) {
                queriesByClient.computeIfAbsent(handler.clientId(), k -> new java.util.ArrayList<>()).add(info.name());
            }
        }
        Map<String, List<ConnectedClient>> byComponent = registry.inContext(context).stream()
                .collect(Collectors.groupingBy(ConnectedClient::componentName, TreeMap::new, Collectors.toList()));
        List<Application> applications = byComponent.entrySet().stream()
                .map(e -> new Application(e.getKey(), context, e.getValue().stream()
                        .sorted(Comparator.comparing(ConnectedClient::clientId))
                        .map(c -> new Instance(c.clientId(), c.host(), c.version(), c.connectedAt(), new TreeMap<>(c.tags()),
                                commandsByClient.getOrDefault(c.clientId(), List.of()),
                                queriesByClient.getOrDefault(c.clientId(), List.of()),
                                c.processors().keySet().stream().sorted().toList()))
                        .toList()))
                .toList();
        return new Overview(context, applications, rates.current(),
                commandInfos.stream().mapToLong(CommandInfo::dispatched).sum(),
                queryInfos.stream().mapToLong(QueryInfo::queries).sum(), heads.head(context),
                new Server(ServerIdentity.NAME, identity.buildVersion(), ServerIdentity.AXON_SERVER_VERSION));
    }

    /** Every command name: handlers, counts, errors, latency percentiles. */
    @GetMapping("/v1/dashboard/commands")
    List<CommandInfo> commands(@RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        checkContext(context);
        return commands.commands(context);
    }

    /** Every query name: handlers, counts, errors, subscriptions, latency percentiles. */
    @GetMapping("/v1/dashboard/queries")
    List<QueryInfo> queries(@RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        checkContext(context);
        return queries.queries(context);
    }

    /** The processors of every connected component, with lag behind the head. */
    @GetMapping("/v1/dashboard/processors")
    List<ComponentProcessors> processors(@RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        checkContext(context);
        long head = heads.head(context);
        return registry.inContext(context).stream().map(ConnectedClient::componentName).distinct().sorted()
                .map(component -> new ComponentProcessors(component, head,
                        ProcessorView.of(instructions.instancesOf(context, component), head)))
                .toList();
    }

    private void checkContext(String context) {
        if (!hub.servesContext(context)) {
            throw new UnknownTargetException("Unknown context '" + context + "'");
        }
    }
}
