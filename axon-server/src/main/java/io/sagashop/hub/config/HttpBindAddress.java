package io.sagashop.hub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The HTTP port listens where the gRPC port does ({@code hub.bind-address}, loopback by default)
 * unless {@code server.address} says otherwise: Spring Boot alone would listen on every interface.
 */
@Component
class HttpBindAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final HubProperties hub;
    private final ServerProperties server;

    HttpBindAddress(HubProperties hub, ServerProperties server) {
        this.hub = hub;
        this.server = server;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        if (server.getAddress() != null) {
            return;
        }
        try {
            factory.setAddress(InetAddress.getByName(hub.bindAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("hub.bind-address " + hub.bindAddress() + " is not an address of this host", e);
        }
    }
}
