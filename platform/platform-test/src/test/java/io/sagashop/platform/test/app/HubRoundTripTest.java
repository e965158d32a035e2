package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.app.WidgetMessages.AnsweringThread;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The same service through the hub started in this JVM: commands routed by the hub, events in
 * the hub's store carrying the request's correlation, domain errors' details surviving the trip,
 * and 503 when nobody handles a command (the hub answers AXONIQ-4000). A query this service
 * handles itself is answered here, without the round trip.
 */
@ServiceTest
class HubRoundTripTest {


    @Autowired
    TestRestTemplate rest;
    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;

    @Test
    void commandThroughTheHubStoresAnEventWithTheRequestsCorrelation() {
        var headers = new HttpHeaders();
        headers.add("X-Correlation-Id", "via-hub-1");
        var created = new Http(rest).call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"hub\",\"quantity\":2}", headers);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();
        assertThat(eventStore.readEvents(id).next().getMetaData().get("correlationId")).isEqualTo("via-hub-1");
    }

    @Test
    void domainErrorDetailsSurviveTheHub() {
        var created = new Http(rest).call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"same\",\"quantity\":2}");
        String id = created.getBody().get("id").asText();

        var response = new Http(rest).call(HttpMethod.PUT, "/widgets/" + id + "/name", TestTokens.customer(), "{\"name\":\"same\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("code").asText()).isEqualTo("same-name");
    }

    @Test
    void unknownAggregateIsA404ThroughTheHub() {
        var response = new Http(rest).call(HttpMethod.PUT, "/widgets/no-such-widget/name", TestTokens.customer(), "{\"name\":\"x\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("code").asText()).isEqualTo("not-found");
    }

    @Test
    void commandNobodyHandlesIsA503() {
        var response = new Http(rest).call(HttpMethod.POST, "/widgets/w1/polish", TestTokens.customer(), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aQueryThisServiceHandlesIsAnsweredOnTheAskingThreadNotThroughTheHub() {
        String answeredOn = queries.query(new AnsweringThread(), String.class).join();

        // through the hub it would be answered on one of the connector's query threads
        assertThat(answeredOn).isEqualTo(Thread.currentThread().getName());
    }
}
