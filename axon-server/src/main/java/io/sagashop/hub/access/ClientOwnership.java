package io.sagashop.hub.access;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Binds a client instance (its client id) to the application whose token opened its streams. While
 * any stream of the instance is open, another application naming the same client id is refused:
 * it can neither take over the instance's control stream nor subscribe handlers in its name.
 * The binding goes when the instance's last stream closes, so a restarted service gets it again.
 */
@Component
public class ClientOwnership {

    private record Owner(String application, int streams) {
    }

    private final Map<String, Owner> owners = new HashMap<>();

    /**
     * Counts one more stream of {@code clientId} for {@code application}. Null when done, else
     * the refusal: the id is in use by another application. Each success needs one {@link #release}.
     */
    public synchronized String claim(String clientId, Application application) {
        Owner owner = owners.get(clientId);
        if (owner != null && !owner.application().equals(application.name())) {
            return application.refusal("use client id " + clientId + ": it is connected as application '"
                    + owner.application() + "'");
        }
        owners.put(clientId, new Owner(application.name(), owner == null ? 1 : owner.streams() + 1));
        return null;
    }

    /** One stream of {@code clientId} closed. */
    public synchronized void release(String clientId) {
        owners.computeIfPresent(clientId, (id, owner) -> owner.streams() <= 1 ? null
                : new Owner(owner.application(), owner.streams() - 1));
    }

    /** The application the client id is bound to, or null. */
    public synchronized String ownerOf(String clientId) {
        Owner owner = owners.get(clientId);
        return owner == null ? null : owner.application();
    }
}
