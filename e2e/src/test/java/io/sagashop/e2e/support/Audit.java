package io.sagashop.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The check every scenario ends with: the invariants of docs/saga.md hold across the services. */
public final class Audit {

    private Audit() {
    }

    /**
     * Waits until the audit reports no violation (compensations in flight settle within seconds)
     * and fails with the last report when it does not.
     */
    public static JsonNode assertClean(ShopClient client) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                last[0] = client.audit();
                return last[0].get("violations").isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(last[0].get("violations")).as("audit violations after 60 s: %s", last[0].toPrettyString()).isEmpty();
        }
        return last[0];
    }
}
