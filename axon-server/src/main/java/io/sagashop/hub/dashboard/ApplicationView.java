package io.sagashop.hub.dashboard;

import io.sagashop.hub.platform.ConnectedClient;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A connected application (component) and its instances, in the JSON of {@code GET /v1/public/applications}.
 *
 * @param name      the component name the instances registered with ({@code axon.axonserver.component-name})
 * @param context   the Axon context they connected to
 * @param instances the connected instances, by client id
 */
record ApplicationView(String name, String context, List<InstanceView> instances) {

    /**
     * @param clientId        the instance's client id ({@code axon.axonserver.client-id})
     * @param version         the version its connector reported (the API version, e.g. {@code 4.6})
     * @param connectedSince  when its current control stream registered
     * @param tags            the client tags it sent
     * @param sendsHeartbeats whether it heartbeats (and is dropped after {@code hub.heartbeat.timeout} of silence)
     * @param processors      the names of the event processors it reports
     */
    record InstanceView(String clientId, String version, Instant connectedSince, Map<String, String> tags,
                        boolean sendsHeartbeats, List<String> processors) {
    }

    static List<ApplicationView> of(Collection<ConnectedClient> clients) {
        Map<List<String>, List<ConnectedClient>> grouped = clients.stream()
                .collect(Collectors.groupingBy(c -> List.of(c.context(), c.componentName()),
                        () -> new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(1))
                                .thenComparing(k -> k.get(0))),
                        Collectors.toList()));
        return grouped.entrySet().stream()
                .map(e -> new ApplicationView(e.getKey().get(1), e.getKey().get(0), e.getValue().stream()
                        .sorted(Comparator.comparing(ConnectedClient::clientId))
                        .map(c -> new InstanceView(c.clientId(), c.version(), c.connectedAt(), new TreeMap<>(c.tags()),
                                c.sendsHeartbeats(), c.processors().keySet().stream().sorted().toList()))
                        .toList()))
                .toList();
    }
}
