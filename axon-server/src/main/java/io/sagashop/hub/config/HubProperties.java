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
 * @param bindAddress     the address both ports listen on: loopback unless configured ({@code 0.0.0.0} for
 *                        every interface); {@code server.address}, when set, overrides it for the HTTP port
 * @param tls             certificate and key for TLS on the gRPC port; plain text when unset
 * @param devmode         whether development-only operations (purging events) are allowed
 * @param heartbeat       how often the hub heartbeats and when it gives up on a silent client
 * @param contexts        the contexts this hub serves; {@code default} unless configured
 * @param instructions    how long the hub waits for a client to carry out an instruction it sent
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("sagashop-hub") String nodeName,
        @DefaultValue("localhost") String hostName,
        @DefaultValue Grpc grpc,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue Tls tls,
        @DefaultValue Devmode devmode,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue("default") java.util.List<String> contexts,
        @DefaultValue Instructions instructions) {

    /** The context a client gets when it names none. */
    public static final String DEFAULT_CONTEXT = "default";

    public boolean servesContext(String context) {
        return contexts.contains(context);
    }

    /**
     * @param port           the gRPC port (0 picks a free one, as tests do)
     * @param maxMessageSize the largest message accepted in either direction
     */
    public record Grpc(@DefaultValue("8124") int port, @DefaultValue("4MB") DataSize maxMessageSize) {
    }

    /** PEM files (certificate chain; PKCS#8 private key); both set turns TLS on, one alone is a mistake. */
    public record Tls(Path certChain, Path privateKey) {
        public Tls {
            if ((certChain == null) != (privateKey == null)) {
                throw new IllegalArgumentException("TLS needs both hub.tls.cert-chain and hub.tls.private-key; only "
                        + (certChain == null ? "hub.tls.private-key" : "hub.tls.cert-chain") + " is set");
            }
        }

        public boolean enabled() {
            return certChain != null;
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

    /**
     * @param timeout how long the hub waits for a client's result of an event processor instruction
     *                (pause, start, split, merge, release) before it reports that the client did not answer
     */
    public record Instructions(@DefaultValue("10s") Duration timeout) {
    }
}
