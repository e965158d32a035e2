package io.sagashop.recommendation.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import io.sagashop.recommendation.api.FindRecommendationsQuery;
import io.sagashop.recommendation.api.RecommendationListView;
import io.sagashop.recommendation.api.RecommendationView;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(RecommendationController.class)
@WithTestTokens
class RecommendationControllerTest {

    private static final RecommendationListView ANSWER = new RecommendationListView(List.of(
            new RecommendationView(ProductId.of("teapot"), "Teapot", "Kitchen", 3, "bought together with Kettle by 3 customers")));

    @Autowired
    MockMvc mvc;
    @MockitoBean
    QueryGateway queries;

    @Test
    void withNeitherCustomerNorProductTheRequestIsRefusedNamingTheField() throws Exception {
        as(TestTokens.admin(), "/recommendations?limit=5")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        as(TestTokens.admin(), "/recommendations?customerId=&productId=")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));

        verifyNoInteractions(queries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-1", "ten"})
    void aLimitOutside1To50IsRefusedNamingIt(String limit) throws Exception {
        as(TestTokens.admin(), "/recommendations?productId=kettle&limit=" + limit)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));

        verifyNoInteractions(queries);
    }

    @Test
    void malformedIdsAreRefusedNamingThem() throws Exception {
        as(TestTokens.admin(), "/recommendations?customerId=a b")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        as(TestTokens.admin(), "/recommendations?productId=" + "x".repeat(65))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("productId"));

        verifyNoInteractions(queries);
    }

    @Test
    void aCustomerGetsTheirOwnSuggestionsWithTheDefaultLimit() throws Exception {
        answer();

        as(TestTokens.customer("alice"), "/recommendations?customerId=alice")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recommendations[0].productId").value("teapot"))
                .andExpect(jsonPath("$.recommendations[0].name").value("Teapot"))
                .andExpect(jsonPath("$.recommendations[0].category").value("Kitchen"))
                .andExpect(jsonPath("$.recommendations[0].score").value(3))
                .andExpect(jsonPath("$.recommendations[0].explanation").value("bought together with Kettle by 3 customers"));

        ArgumentCaptor<FindRecommendationsQuery> asked = ArgumentCaptor.forClass(FindRecommendationsQuery.class);
        verify(queries).query(asked.capture(), eq(RecommendationListView.class));
        assertThat(asked.getValue()).isEqualTo(new FindRecommendationsQuery("alice", null, 10));
    }

    @Test
    void aCustomerMayNotSeeAnotherCustomersSuggestions() throws Exception {
        as(TestTokens.customer("bob"), "/recommendations?customerId=alice")
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(queries);
    }

    @Test
    void anAdminMaySeeAnyCustomersSuggestions() throws Exception {
        answer();

        as(TestTokens.admin(), "/recommendations?customerId=alice&productId=kettle&limit=50")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recommendations.length()").value(1));

        verify(queries).query(new FindRecommendationsQuery("alice", ProductId.of("kettle"), 50), RecommendationListView.class);
    }

    @Test
    void anySignedInUserMayAskWhatGoesWithAProduct() throws Exception {
        answer();

        as(TestTokens.customer("bob"), "/recommendations?productId=kettle&limit=1")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recommendations[0].productId").value("teapot"));

        verify(queries).query(new FindRecommendationsQuery(null, ProductId.of("kettle"), 1), RecommendationListView.class);
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(get("/recommendations?productId=kettle")).andExpect(status().isUnauthorized());

        verifyNoInteractions(queries);
    }

    private ResultActions as(String token, String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", TestTokens.bearer(token)));
    }

    private void answer() {
        when(queries.query(any(FindRecommendationsQuery.class), eq(RecommendationListView.class)))
                .thenReturn(CompletableFuture.completedFuture(ANSWER));
    }
}
