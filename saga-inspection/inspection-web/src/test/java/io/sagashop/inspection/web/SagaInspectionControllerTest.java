package io.sagashop.inspection.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.ConsistencyViolationView;
import io.sagashop.inspection.api.PendingDeadlineView;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaAssociationView;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.inspection.api.SagaTypeView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The inspection API as a host gets it by importing {@link SagaInspectionWebConfiguration} with
 * its own {@link InspectionClient} and {@link OperatorSession} (fakes here).
 */
class SagaInspectionControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    record Audited(String operator, String action, String target, String outcome) {
    }

    /** A host's session: the operator comes from a request header its security set. */
    static class FakeSession implements OperatorSession {
        final List<Audited> trail = new ArrayList<>();

        @Override
        public String operator(HttpServletRequest request) {
            return request.getHeader("X-Signed-In");
        }

        @Override
        public void audit(HttpServletRequest request, String action, String target, String outcome) {
            trail.add(new Audited(operator(request), action, target, outcome));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import(SagaInspectionWebConfiguration.class)
    static class Host implements WebMvcConfigurer {

        /** Instants as ISO-8601 text, as Spring Boot writes them (the pages read them so). */
        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
            converters.stream().filter(c -> c instanceof MappingJackson2HttpMessageConverter)
                    .forEach(c -> ((MappingJackson2HttpMessageConverter) c).getObjectMapper()
                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        }

        @Bean
        FakeInspectionClient client() {
            return new FakeInspectionClient();
        }

        @Bean
        FakeSession session() {
            return new FakeSession();
        }
    }

    private AnnotationConfigWebApplicationContext context;
    private MockMvc mvc;
    private FakeInspectionClient client;
    private FakeSession session;

    @BeforeEach
    void host() {
        context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Host.class);
        context.refresh();
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        client = context.getBean(FakeInspectionClient.class);
        session = context.getBean(FakeSession.class);
        client.types.add(new SagaTypeView("ToySaga", "toys", "plays", 1, 0, 1, List.of(SagaAction.values())));
        client.types.add(new SagaTypeView("BoatSaga", "boats", null, 0, 1, 0, List.of(SagaAction.RETRY)));
        client.sagas.add(saga("ToySaga", "t-1", "toy-1", SagaState.ACTIVE));
        client.sagas.add(saga("ToySaga", "t-2", "toy-2", SagaState.COMPLETED));
        client.sagas.add(saga("BoatSaga", "b-1", "toy-1", SagaState.ACTIVE));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void listsEveryApplicationsSagaTypesByName() throws Exception {
        mvc.perform(get("/v1/dashboard/saga-types"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.types[0].sagaType").value("BoatSaga"))
                .andExpect(jsonPath("$.types[1].sagaType").value("ToySaga"))
                .andExpect(jsonPath("$.types[1].application").value("toys"))
                .andExpect(jsonPath("$.types[1].actions[2]").value("END"));
    }

    @Test
    void passesTheFiltersOnToTheApplications() throws Exception {
        mvc.perform(get("/v1/dashboard/sagas?type=ToySaga&state=COMPLETED&key=toy-2&olderThan=2026-11-26T10:00:00Z&limit=5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sagas.length()").value(1))
                .andExpect(jsonPath("$.sagas[0].sagaId").value("t-2"))
                .andExpect(jsonPath("$.sagas[0].startedAt").value("2026-11-26T09:00:00Z"));
        assertThat(client.queries.get(0).olderThan()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(client.queries.get(0).limit()).isEqualTo(5);

        mvc.perform(get("/v1/dashboard/sagas?key=toy-1")).andExpect(jsonPath("$.sagas.length()").value(2));
        assertThat(client.queries.get(1).limit()).isEqualTo(100);
        assertThat(client.queries.get(1).sagaType()).isNull();

        mvc.perform(get("/v1/dashboard/sagas/stuck?type=BoatSaga")).andExpect(status().isOk());
        assertThat(client.queries.get(2).state()).isEqualTo(SagaState.STUCK);
        assertThat(client.queries.get(2).sagaType()).isEqualTo("BoatSaga");
    }

    @Test
    void refusesBadParametersAsProblemsNamingTheField() throws Exception {
        problem(get("/v1/dashboard/sagas?state=HAPPY"), 400, "state");
        problem(get("/v1/dashboard/sagas?limit=0"), 400, "limit");
        problem(get("/v1/dashboard/sagas?limit=1001"), 400, "limit");
        problem(get("/v1/dashboard/sagas?limit=ten"), 400, "limit");
        problem(get("/v1/dashboard/sagas?olderThan=yesterday"), 400, "olderThan");
        problem(get("/v1/dashboard/sagas?key=" + "k".repeat(201)), 400, "key");
        problem(get("/v1/dashboard/consistency?maxViolations=10001"), 400, "maxViolations");
        assertThat(client.queries).isEmpty();
    }

    @Test
    void answersOneSagaInFullOr404() throws Exception {
        mvc.perform(get("/v1/dashboard/sagas/ToySaga/t-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.state").value("ACTIVE"))
                .andExpect(jsonPath("$.summary.pendingDeadlines[0].deadlineName").value("overall"))
                .andExpect(jsonPath("$.summary.associations[0].value").value("toy-1"))
                .andExpect(jsonPath("$.timeline[0].kind").value("EVENT_RECEIVED"));
        // Same id, another type: not that saga.
        problem(get("/v1/dashboard/sagas/BoatSaga/t-1"), 404, null);
    }

    @Test
    void sendsAnActionUnderTheSignedInOperatorAndAuditsIt() throws Exception {
        mvc.perform(post("/v1/dashboard/sagas/ToySaga/t-1/compensate").header("X-Signed-In", "ops-anna")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  customer called \"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.operator").value("ops-anna"))
                .andExpect(jsonPath("$.status").value("done"));
        mvc.perform(post("/v1/dashboard/sagas/ToySaga/t-1/retry").header("X-Signed-In", "ops-anna"))
                .andExpect(status().isOk());

        assertThat(client.sent).containsExactly(
                new SagaActionCommand("ToySaga", "t-1", SagaAction.COMPENSATE, "ops-anna", "customer called"),
                new SagaActionCommand("ToySaga", "t-1", SagaAction.RETRY, "ops-anna", null));
        assertThat(session.trail).containsExactly(
                new Audited("ops-anna", "saga compensate", "saga ToySaga t-1", "done"),
                new Audited("ops-anna", "saga retry", "saga ToySaga t-1", "done"));
    }

    @Test
    void refusesABodyNamingTheOperatorAndActionsWithoutReason() throws Exception {
        problem(post("/v1/dashboard/sagas/ToySaga/t-1/retry").header("X-Signed-In", "ops-anna")
                .contentType(MediaType.APPLICATION_JSON).content("{\"operator\":\"mallory\"}"), 400, "operator");
        problem(post("/v1/dashboard/sagas/ToySaga/t-1/end").header("X-Signed-In", "ops-anna")
                .contentType(MediaType.APPLICATION_JSON).content("{}"), 400, "reason");
        problem(post("/v1/dashboard/sagas/ToySaga/t-1/compensate").header("X-Signed-In", "ops-anna")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"" + "x".repeat(501) + "\"}"), 400, "reason");
        mvc.perform(post("/v1/dashboard/sagas/ToySaga/t-1/explode").header("X-Signed-In", "ops-anna"))
                .andExpect(status().is4xxClientError());
        assertThat(client.sent).isEmpty();
        assertThat(session.trail).isEmpty();
    }

    @Test
    void anUnknownSagaIs404AndARefusal409BothAudited() throws Exception {
        problem(post("/v1/dashboard/sagas/ToySaga/no-such/retry").header("X-Signed-In", "ops-anna"), 404, null);
        client.refusal = new InspectionClientException(409, "Refused by the application", "Saga t-2 is over (COMPLETED)");
        problem(post("/v1/dashboard/sagas/ToySaga/t-2/end").header("X-Signed-In", "ops-anna")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"cleanup\"}"), 409, null)
                .andExpect(jsonPath("$.title").value("Refused by the application"))
                .andExpect(jsonPath("$.detail").value("Saga t-2 is over (COMPLETED)"));

        assertThat(client.sent).isEmpty();
        assertThat(session.trail).extracting(Audited::outcome).containsExactly(
                "refused (404): No application knows a saga no-such of type ToySaga",
                "refused (409): Saga t-2 is over (COMPLETED)");
    }

    @Test
    void passesTheClientsFailuresOnWithTheirStatus() throws Exception {
        InspectionClient failing = new FakeInspectionClient() {
            @Override
            public List<SagaTypeView> sagaTypes() {
                throw new InspectionClientException(503, "Nobody answers", "No application answers saga inspection");
            }
        };
        MockMvc other = MockMvcBuilders.standaloneSetup(new SagaInspectionController(failing, new FakeSession()))
                .setControllerAdvice(new InspectionProblems()).build();
        other.perform(get("/v1/dashboard/saga-types"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Nobody answers"));
    }

    @Test
    void mergesTheConsistencyReportsAndCountsEveryViolation() throws Exception {
        client.reports.add(new ConsistencyReportView("toys", T0, Map.of("toys", 3), Map.of("toy-balanced", 2, "toy-paid", 0),
                List.of(new ConsistencyViolationView("toy-balanced", "Toy toy-1 is off by 2", Map.of("toyId", "toy-1")))));
        client.reports.add(new ConsistencyReportView("boats", T0, Map.of("boats", 1), Map.of("boat-afloat", 0), List.of()));

        mvc.perform(get("/v1/dashboard/consistency?maxViolations=10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reports[0].application").value("boats"))
                .andExpect(jsonPath("$.reports[1].violations[0].subjects.toyId").value("toy-1"))
                .andExpect(jsonPath("$.clean").value(false))
                .andExpect(jsonPath("$.violations").value(2));
        assertThat(client.askedMaxViolations).isEqualTo(10);
    }

    private org.springframework.test.web.servlet.ResultActions problem(
            org.springframework.test.web.servlet.RequestBuilder request, int status, String field) throws Exception {
        var result = mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        if (field != null) {
            result.andExpect(jsonPath("$.field").value(field));
        }
        return result;
    }

    private static SagaDetailView saga(String type, String id, String key, SagaState state) {
        return new SagaDetailView(new SagaSummaryView(type, id, type.toLowerCase(), key, state, "STEP", T0,
                T0.plusSeconds(5), T0.plusSeconds(1800),
                List.of(new PendingDeadlineView("overall", "dl-" + id, T0.plusSeconds(1800))),
                List.of(new SagaAssociationView("toyId", key))),
                List.of(new SagaTimelineEntryView(T0, SagaTimelineEntryKind.EVENT_RECEIVED, "ToyOrdered", "toys", null)));
    }
}
