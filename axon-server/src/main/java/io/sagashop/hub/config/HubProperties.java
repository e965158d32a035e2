package io.sagashop.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the hub, under {@code hub.*}.
 *
 * @param nodeName        the name this hub reports in GetPlatformServer
 * @param hostName        the host name it advertises (clients keep their own channel anyway)
 * @param grpc            the gRPC port and its limits
 * @param accessToken     when set, every gRPC call must carry it in {@code AxonIQ-Access-Token}
 * @param tls             certificate and key for TLS on the gRPC port; plain text when unset
 * @param devmode         whether development-only operations (purging events) are allowed
 * @param heartbeat       how often the hub heartbeats and when it gives up on a silent client
 * @param contexts        the contexts this hub serves; {@code default} unless configured
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("sagashop-hub") String nodeName,
        @DefaultValue("localhost") String hostName,
        @DefaultValue Grpc grpc,
        String accessToken,
        @DefaultValue Tls tls,
        @DefaultValue Devmode devmode,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue("default") java.util.List<String> contexts) {

    /** The context a client gets when it names none. */
    public static final String DEFAULT_CONTEXT = "default";

    public boolean accessControlEnabled() {
        return accessToken != null && !accessToken.isBlank();
    }

    public boolean servesContext(String context) {
        return contexts.contains(context);
    }

    /**
     * @param port           the gRPC port (0 picks a free one, as tests do)
     * @param maxMessageSize the largest message accepted in either direction
     */
    public record Grpc(@DefaultValue("8124") int port, @DefaultValue("4MB") DataSize maxMessageSize) {
    }

    /** PEM files; both set turns TLS on. */
    public record Tls(Path certChain, Path privateKey) {
        public boolean enabled() {
            return certChain != null && privateKey != null;
        }
    }

    public record Devmode(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param interval how often the hub sends a heartbeat to clients that send heartbeats
     * @param timeout  silence after which such a client is considered gone
     * @param initialDelay how long after connecting the hub starts heartbeating
     */
    public record Heartbeat(@DefaultValue("500ms") Duration interval,
                            @DefaultValue("5s") Duration timeout,
                            @DefaultValue("5s") Duration initialDelay) {
    }
}
