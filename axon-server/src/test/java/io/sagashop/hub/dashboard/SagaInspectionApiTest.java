package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestHub;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga pages' API on the hub with two applications that each run their own saga type
 * ({@link ToySagas}: {@code toys} and {@code boats}): the hub asks every application with the
 * domain-free inspection protocol and merges the answers, so a second saga type appears without
 * a change to the hub, and an operator action reaches the application that runs the saga.
 */
class SagaInspectionApiTest {

    private static DashboardFixture fixture;

    @BeforeAll
    static void start() {
        fixture = DashboardFixture.get();
    }

    @Test
    void listsTheSagaTypesOfEveryApplicationThatAnswers() {
        JsonNode types = get("/v1/dashboard/saga-types").get("types");

        assertThat(texts(types, "sagaType")).containsExactly(ToySagas.BOAT, ToySagas.TOY);
        JsonNode boat = types.get(0);
        assertThat(boat.get("application").asText()).isEqualTo("boats");
        assertThat(boat.get("active").asLong()).isEqualTo(1);
        assertThat(texts(boat.get("actions"))).containsExactly("RETRY");
        JsonNode toy = types.get(1);
        assertThat(toy.get("application").asText()).isEqualTo("toys");
        assertThat(toy.get("active").asLong()).isEqualTo(1);
        assertThat(toy.get("finished").asLong()).isEqualTo(2);
    }

    @Test
    void listsTheSagasOfBothApplicationsMergedAndFiltered() {
        JsonNode all = get("/v1/dashboard/sagas").get("sagas");
        // Most recently active first, across applications: the boat (09:30) before the toys.
        assertThat(texts(all, "key")).containsExactly(ToySagas.BOAT_ACTIVE, ToySagas.TOY_ACTIVE,
                ToySagas.TOY_COMPLETED, ToySagas.TOY_COMPENSATED);
        assertThat(all.get(0).get("application").asText()).isEqualTo("boats");

        assertThat(texts(get("/v1/dashboard/sagas?state=ACTIVE").get("sagas"), "sagaType"))
                .containsExactly(ToySagas.BOAT, ToySagas.TOY);
        assertThat(texts(get("/v1/dashboard/sagas?type=" + ToySagas.TOY).get("sagas"), "application"))
                .containsOnly("toys").hasSize(3);
        assertThat(texts(get("/v1/dashboard/sagas?key=" + ToySagas.TOY_COMPENSATED).get("sagas"), "sagaId"))
                .containsExactly("toy-saga-c1");
        assertThat(texts(get("/v1/dashboard/sagas?olderThan=2026-11-26T09:05:00Z").get("sagas"), "key"))
                .containsExactly(ToySagas.TOY_COMPENSATED);
        // The limit holds over the merged list, not per application only.
        assertThat(get("/v1/dashboard/sagas?limit=2").get("sagas")).hasSize(2);
        assertThat(get("/v1/dashboard/sagas/stuck").get("sagas")).isEmpty();
    }

    @Test
    void showsOneSagaInFullFromTheApplicationThatRunsIt() {
        JsonNode detail = get("/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-c1");
        assertThat(detail.get("summary").get("state").asText()).isEqualTo("COMPENSATED");
        assertThat(detail.get("summary").get("key").asText()).isEqualTo(ToySagas.TOY_COMPENSATED);
        assertThat(detail.get("summary").get("associations").get(1).get("value").asText()).isEqualTo("pay-c1");
        assertThat(texts(detail.get("timeline"), "messageName")).containsSubsequence(
                "ToyReserved", "PaymentDeclined", "ReleaseToy", "ToyReleased");
        assertThat(get("/v1/dashboard/sagas/" + ToySagas.BOAT + "/boat-saga-a1").get("summary").get("currentStep")
                .asText()).isEqualTo("AT_SEA");

        HttpResponse<String> missing = Http.get(fixture.url("/v1/dashboard/sagas/" + ToySagas.TOY + "/no-such-saga"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        // The id of a toy saga under the boat type: the boats do not know it, nobody else is asked for it.
        assertThat(Http.get(fixture.url("/v1/dashboard/sagas/" + ToySagas.BOAT + "/toy-saga-c1")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void routesAnActionToTheApplicationThatRunsTheSagaUnderTheSignedInOperator() {
        ToySagas.ACTIONS.clear();

        // Who acts is the signed-in operator (here the admin token), never a name the request gives.
        HttpResponse<String> named = post("/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-a1/retry",
                "{\"operator\":\"ops-anna\"}");
        assertThat(named.statusCode()).isEqualTo(400);
        assertThat(DashboardApiTest.read(named.body()).get("field").asText()).isEqualTo("operator");
        assertThat(ToySagas.ACTIONS).isEmpty();

        HttpResponse<String> retried = post("/v1/dashboard/sagas/" + ToySagas.BOAT + "/boat-saga-a1/retry", "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(DashboardApiTest.read(retried.body()).get("operator").asText()).isEqualTo("token:admin");
        HttpResponse<String> compensated = post("/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-a1/compensate",
                "{\"reason\":\"customer called\"}");
        assertThat(compensated.statusCode()).as(compensated.body()).isEqualTo(200);

        assertThat(ToySagas.ACTIONS).containsExactly(
                new ToySagas.Handled("boats", new SagaActionCommand(ToySagas.BOAT, "boat-saga-a1", SagaAction.RETRY,
                        "token:admin", null)),
                new ToySagas.Handled("toys", new SagaActionCommand(ToySagas.TOY, "toy-saga-a1", SagaAction.COMPENSATE,
                        "token:admin", "customer called")));

        // A finished saga: the application refuses, and the dashboard says why.
        HttpResponse<String> refused = post("/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-d1/end",
                "{\"reason\":\"cleanup\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(DashboardApiTest.read(refused.body()).get("detail").asText()).contains("is over (COMPLETED)");
        // An action the type does not take.
        HttpResponse<String> notTaken = post("/v1/dashboard/sagas/" + ToySagas.BOAT + "/boat-saga-a1/end",
                "{\"reason\":\"scrap it\"}");
        assertThat(notTaken.statusCode()).isEqualTo(409);
        assertThat(DashboardApiTest.read(notTaken.body()).get("detail").asText()).contains("does not accept END");
        // An unknown saga: 404 before anything is sent. No reason where one is needed: 400 naming it.
        assertThat(post("/v1/dashboard/sagas/" + ToySagas.TOY + "/no-such-saga/retry", "").statusCode()).isEqualTo(404);
        HttpResponse<String> noReason = post("/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-a1/end", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(DashboardApiTest.read(noReason.body()).get("field").asText()).isEqualTo("reason");
        assertThat(ToySagas.ACTIONS).hasSize(2);
    }

    @Test
    void reportsTheConsistencyOfTheApplicationsThatCheck() {
        JsonNode consistency = get("/v1/dashboard/consistency");
        // The boats check nothing (null): only the toys' report.
        assertThat(consistency.get("reports")).hasSize(1);
        JsonNode report = consistency.get("reports").get(0);
        assertThat(report.get("application").asText()).isEqualTo("toys");
        assertThat(report.get("violations").get(0).get("rule").asText()).isEqualTo("toy-within-deadline");
        assertThat(report.get("violations").get(0).get("subjects").get("toyId").asText()).isEqualTo(ToySagas.TOY_ACTIVE);
        assertThat(consistency.get("clean").asBoolean()).isFalse();
        assertThat(consistency.get("violations").asLong()).isEqualTo(1);

        assertThat(Http.get(fixture.url("/v1/dashboard/consistency?maxViolations=0")).statusCode()).isEqualTo(400);
    }

    @Test
    void saysNoApplicationAnswersWhenNoneIsConnected() {
        try (TestHub empty = TestHub.startOnH2()) {
            HttpResponse<String> response = Http.get(empty.httpUrl() + "/v1/dashboard/saga-types");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(DashboardApiTest.read(response.body()).get("detail").asText())
                    .contains("No connected application answers saga inspection");
            assertThat(Http.get(empty.httpUrl() + "/v1/dashboard/sagas/" + ToySagas.TOY + "/toy-saga-a1").statusCode())
                    .isEqualTo(503);
        }
    }

    private static HttpResponse<String> post(String path, String body) {
        return Http.post(fixture.url(path), body);
    }

    private static JsonNode get(String path) {
        HttpResponse<String> response = Http.get(fixture.url(path));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return DashboardApiTest.read(response.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.get(field).asText()));
        return result;
    }
}
