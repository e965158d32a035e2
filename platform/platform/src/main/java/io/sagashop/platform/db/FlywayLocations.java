package io.sagashop.platform.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

/** The platform's migrations run next to a service's own, even when the service sets its locations. */
final class FlywayLocations {

    private FlywayLocations() {
    }

    /** Adds {@code location} (a {@code classpath:} one) unless the service lists it already. */
    static FlywayConfigurationCustomizer appending(String location) {
        String path = location.substring("classpath:".length());
        return configuration -> {
            List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            boolean present = locations.stream().anyMatch(existing -> existing.getDescriptor().equals(location)
                    || (existing.isClassPath() && existing.getPath().equals(path)));
            if (!present) {
                locations.add(new Location(location));
                configuration.locations(locations.toArray(Location[]::new));
            }
        };
    }
}
