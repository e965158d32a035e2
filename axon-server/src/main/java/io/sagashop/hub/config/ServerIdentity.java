package io.sagashop.hub.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * What the hub says it is, in two parts. Where a client or tool reads <em>Axon Server's</em> version
 * (the {@code version} of {@code GetPlatformServer}'s node info, {@code app.version} of
 * {@code /actuator/info}) it finds the Axon Server release whose client-visible behaviour the hub
 * matches, so nothing that compares versions switches a feature off. Its own name and build
 * version go where only people look: {@code hub.*} of {@code /actuator/info} and the dashboard.
 */
@Component
public class ServerIdentity implements InfoContributor {

    /** The Axon Server release the hub answers like (the one connector 2025.2 is tested against). */
    public static final String AXON_SERVER_VERSION = "2025.2.0";
    /** {@link #AXON_SERVER_VERSION} for the int32 {@code NodeInfo.version}: year, then minor. */
    public static final int AXON_SERVER_API_VERSION = 2025_2;
    public static final String NAME = "sagashop-hub";

    private final String buildVersion;

    public ServerIdentity(@Value("${hub.build-version:unknown}") String buildVersion) {
        this.buildVersion = buildVersion;
    }

    /** The hub's own build version (the Maven project version). */
    public String buildVersion() {
        return buildVersion;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("name", NAME);
        app.put("version", AXON_SERVER_VERSION);
        builder.withDetail("app", app);
        builder.withDetail("hub", Map.of("name", NAME, "version", buildVersion,
                "axonServerCompatibleVersion", AXON_SERVER_VERSION));
    }
}
