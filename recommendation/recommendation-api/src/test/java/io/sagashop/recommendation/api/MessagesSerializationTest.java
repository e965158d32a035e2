package io.sagashop.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.catalog.api.ProductId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesSerializationTest {

    private static final ProductId KETTLE = ProductId.of("kettle");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper())
            .build();

    static Stream<Object> everyApiType() {
        RecommendationView view = new RecommendationView(KETTLE, "Kettle", "Kitchen", 3,
                "bought together with Teapot by 3 customers");
        return Stream.of(
                new FindRecommendationsQuery("customer-1", KETTLE, 10),
                FindRecommendationsQuery.forCustomer("customer-1", 5),
                FindRecommendationsQuery.forProduct(KETTLE, 50),
                view,
                new RecommendationListView(List.of(view)),
                new RecommendationListView(List.of()));
    }

    @ParameterizedTest
    @MethodSource("everyApiType")
    void roundTripsThroughAxonsJacksonSerializer(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        Object back = serializer.deserialize(serialized);

        assertThat(back).isEqualTo(message);
        assertThat(serialized.getType().getName()).isEqualTo(message.getClass().getName());
    }

    @Test
    void theListViewKeepsItsElementTypeThroughTheSerializer() {
        var list = new RecommendationListView(List.of(new RecommendationView(KETTLE, "Kettle", "Kitchen", 1, "x")));

        RecommendationListView back = serializer.deserialize(serializer.serialize(list, String.class));

        assertThat(back.recommendations().get(0)).isInstanceOf(RecommendationView.class);
        assertThat(back.recommendations().get(0).productId()).isEqualTo(KETTLE);
    }

    @Test
    void theListViewCannotBeChangedAfterwards() {
        List<RecommendationView> source = new ArrayList<>();
        var list = new RecommendationListView(source);
        source.add(new RecommendationView(KETTLE, "Kettle", "Kitchen", 1, "x"));

        assertThat(list.recommendations()).isEmpty();
        assertThatThrownBy(() -> list.recommendations().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
