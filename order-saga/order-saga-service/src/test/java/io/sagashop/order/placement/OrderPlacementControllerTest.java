package io.sagashop.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.catalog.api.FindPricesQuery;
import io.sagashop.catalog.api.PriceListView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RequestOrderCancellation;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

@WebMvcTest(OrderPlacementController.class)
@WithTestTokens
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@Import({OrderPlacement.class, OrderRequestRules.class, OrderPricing.class, OrderPlacementControllerTest.Fakes.class})
class OrderPlacementControllerTest {

    static final String ALICE = "alice";
    static final ProductPriceView KETTLE = price("kettle", "24.50", "EUR", false);
    static final ProductPriceView TEAPOT = price("teapot", "10.00", "EUR", false);
    static final ProductPriceView OLD_LAMP = price("old-lamp", "5.00", "EUR", true);
    static final ProductPriceView US_MUG = price("us-mug", "7.00", "USD", false);

    @Autowired MockMvc mvc;
    @Autowired InMemoryPlacements placements;
    @MockitoBean CommandGateway commands;
    @MockitoBean QueryGateway queries;
    @MockitoBean TransactionTemplate transactions;
    /** Not current unless a test says so: orders are priced by the catalog's query. */
    @MockitoBean PriceListStatus priceListStatus;
    @MockitoBean PriceList priceList;

    @TestConfiguration
    @EnableConfigurationProperties(PlacementSettings.class)
    static class Fakes {
        @Bean
        InMemoryPlacements placements() {
            return new InMemoryPlacements();
        }
    }

    @BeforeEach
    @SuppressWarnings("unchecked") // the mocked template's callbacks
    void catalog() {
        Map<ProductId, ProductPriceView> catalog = Stream.of(KETTLE, TEAPOT, OLD_LAMP, US_MUG)
                .collect(Collectors.toMap(ProductPriceView::productId, p -> p));
        when(queries.query(any(FindPricesQuery.class), eq(PriceListView.class))).thenAnswer(invocation -> {
            FindPricesQuery query = invocation.getArgument(0);
            return CompletableFuture.completedFuture(new PriceListView(
                    query.productIds().stream().map(catalog::get).filter(p -> p != null).toList()));
        });
        when(transactions.execute(any())).thenAnswer(invocation ->
                ((TransactionCallback<?>) invocation.getArgument(0)).doInTransaction(null));
        doAnswer(invocation -> {
            ((Consumer<TransactionStatus>) invocation.getArgument(0)).accept(null);
            return null;
        }).when(transactions).executeWithoutResult(any());
        placements.clear();
    }

    @Test
    void anOrderIsPricedFromTheCatalogAndAccepted() throws Exception {
        place(ALICE, null, body(line("kettle", 2) + "," + line("teapot", 1)))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/orders/")))
                .andExpect(jsonPath("$.status").value("PLACED"));

        ArgumentCaptor<PlaceOrder> sent = ArgumentCaptor.forClass(PlaceOrder.class);
        verify(commands).sendAndWait(sent.capture());
        PlaceOrder command = sent.getValue();
        assertThat(command.customerId()).isEqualTo(ALICE);
        assertThat(command.currency()).isEqualTo("EUR");
        assertThat(command.total()).isEqualByComparingTo("59.00");
        assertThat(command.lines().get(0).unitPrice()).isEqualByComparingTo("24.50");
        assertThat(command.lines().get(0).name()).isEqualTo("kettle name");
        assertThat(command.paymentMethod()).isEqualTo(PaymentMethod.card("tok_3b9f", "visa", "4242"));
        assertThat(command.shippingAddress().country()).isEqualTo("BE");
        assertThat(placements.rows).containsKey(command.orderId().value());
    }

    @Test
    void aCurrentPriceListPricesTheOrderWithoutAskingTheCatalog() throws Exception {
        ProductPriceView cheaperKettle = price("kettle", "20.00", "EUR", false);
        when(priceListStatus.current()).thenReturn(true);
        when(priceList.find(List.of(ProductId.of("kettle"), ProductId.of("teapot"))))
                .thenReturn(Map.of(ProductId.of("kettle"), cheaperKettle, ProductId.of("teapot"), TEAPOT));

        place(ALICE, null, body(line("kettle", 2) + "," + line("teapot", 1))).andExpect(status().isAccepted());

        ArgumentCaptor<PlaceOrder> sent = ArgumentCaptor.forClass(PlaceOrder.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().lines()).extracting(line -> line.unitPrice().toPlainString())
                .containsExactly("20.00", "10.00");
        verify(queries, never()).query(any(FindPricesQuery.class), eq(PriceListView.class));
    }

    @Test
    void aPriceListThatLacksAProductOrIsNotCurrentLeavesTheOrderToTheCatalog() throws Exception {
        when(priceListStatus.current()).thenReturn(true);
        when(priceList.find(any())).thenReturn(Map.of(ProductId.of("kettle"), price("kettle", "1.00", "EUR", false)));

        place(ALICE, null, body(line("kettle", 1) + "," + line("teapot", 1))).andExpect(status().isAccepted());
        when(priceListStatus.current()).thenReturn(false);
        place(ALICE, null, body(line("kettle", 1))).andExpect(status().isAccepted());
        place(ALICE, null, body(line("old-lamp", 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("product-discontinued"));

        ArgumentCaptor<PlaceOrder> sent = ArgumentCaptor.forClass(PlaceOrder.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).allSatisfy(command ->
                assertThat(command.lines().get(0).unitPrice()).as("the catalog's price").isEqualByComparingTo("24.50"));
        verify(queries, times(3)).query(any(FindPricesQuery.class), eq(PriceListView.class));
        verify(priceList, times(1)).find(any());
    }

    static Stream<Arguments> invalidBodies() {
        String card = "\"paymentMethod\":{\"type\":\"CARD\",\"token\":\"tok\"}";
        String address = "\"shippingAddress\":{\"recipient\":\"Ada\",\"street\":\"Main St 1\",\"postalCode\":\"1000\",\"city\":\"Brussels\",\"country\":\"BE\"}";
        String manyLines = IntStream.range(0, 51).mapToObj(i -> line("p" + i, 1)).collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("no lines", "{\"lines\":[]," + card + "," + address + "}", "lines"),
                Arguments.of("lines missing", "{" + card + "," + address + "}", "lines"),
                Arguments.of("too many lines", "{\"lines\":[" + manyLines + "]," + card + "," + address + "}", "lines"),
                Arguments.of("zero quantity", body(line("kettle", 0)), "lines[0].quantity"),
                Arguments.of("negative quantity", body(line("kettle", 1) + "," + line("teapot", -2)), "lines[1].quantity"),
                Arguments.of("absurd quantity", body(line("kettle", 1001)), "lines[0].quantity"),
                Arguments.of("quantity not a number", body("{\"productId\":\"kettle\",\"quantity\":\"lots\"}"), "lines[0].quantity"),
                Arguments.of("product missing", body("{\"quantity\":1}"), "lines[0].productId"),
                Arguments.of("same product twice", body(line("kettle", 1) + "," + line("kettle", 2)), "lines[1].productId"),
                Arguments.of("unknown product", body(line("kettle", 1) + "," + line("ghost", 1)), "lines[1].productId"),
                Arguments.of("discontinued product", body(line("old-lamp", 1)), "lines[0].productId"),
                Arguments.of("mixed currencies", body(line("kettle", 1) + "," + line("us-mug", 1)), "lines[1].productId"),
                Arguments.of("unknown payment type", withPayment("{\"type\":\"BITCOIN\",\"token\":\"t\"}"), "paymentMethod.type"),
                Arguments.of("blank payment type", withPayment("{\"type\":\"\",\"token\":\"t\"}"), "paymentMethod.type"),
                Arguments.of("payment type missing", withPayment("{\"token\":\"t\"}"), "paymentMethod.type"),
                Arguments.of("blank token", withPayment("{\"type\":\"WALLET\",\"token\":\" \"}"), "paymentMethod.token"),
                Arguments.of("brand not a brand", withPayment("{\"type\":\"CARD\",\"token\":\"tok_1\",\"brand\":\"Visa!\"}"), "paymentMethod.brand"),
                Arguments.of("last4 not four digits", withPayment("{\"type\":\"CARD\",\"token\":\"tok_1\",\"last4\":\"424\"}"), "paymentMethod.last4"),
                Arguments.of("payment method missing", "{\"lines\":[" + line("kettle", 1) + "]," + address + "}", "paymentMethod"),
                Arguments.of("address missing", "{\"lines\":[" + line("kettle", 1) + "]," + card + "}", "shippingAddress"),
                Arguments.of("recipient missing", withAddressWithout("recipient"), "shippingAddress.recipient"),
                Arguments.of("street missing", withAddressWithout("street"), "shippingAddress.street"),
                Arguments.of("postal code missing", withAddressWithout("postalCode"), "shippingAddress.postalCode"),
                Arguments.of("city missing", withAddressWithout("city"), "shippingAddress.city"),
                Arguments.of("country missing", withAddressWithout("country"), "shippingAddress.country"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidInputIsRefusedNamingTheFieldAndNothingIsSent(String description, String body, String field) throws Exception {
        place(ALICE, null, body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)));

        verifyNoInteractions(commands);
        assertThat(placements.rows).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242",
            "4000-0000-0000-0002", "378282246310005", "6011111111111117"})
    void aCardNumberIsRefusedNamingTheFieldWithoutRepeatingItAndNothingIsSentOrRecorded(String number,
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String answer = place(ALICE, "key-card", withPayment("{\"type\":\"CARD\",\"token\":\"" + number + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("card-number-refused"))
                .andExpect(jsonPath("$.errors[0].field").value("paymentMethod.token"))
                .andReturn().getResponse().getContentAsString();

        String digits = number.replaceAll("[ -]", "");
        assertThat(answer).doesNotContain(number).doesNotContain(digits);
        assertThat(output.getAll()).doesNotContain(number).doesNotContain(digits);
        verifyNoInteractions(commands);
        assertThat(placements.rows).isEmpty();
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() throws Exception {
        place(ALICE, "no spaces allowed", body(line("kettle", 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("idempotencyKey"));
        verifyNoInteractions(commands);
    }

    @Test
    void withoutACatalogTheOrderIsRefusedWith503AndNothingIsSent() throws Exception {
        when(queries.query(any(FindPricesQuery.class), eq(PriceListView.class)))
                .thenReturn(CompletableFuture.failedFuture(new NoHandlerForQueryException("No handler for FindPricesQuery")));

        place(ALICE, null, body(line("kettle", 1)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
        assertThat(placements.rows).isEmpty();
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheSameOrderAndSendsOneCommand() throws Exception {
        String first = orderIdOf(place(ALICE, "key-1", body(line("kettle", 1))).andExpect(status().isAccepted()));
        when(queries.query(any(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));

        String again = orderIdOf(place(ALICE, "key-1", body(line("kettle", 1))).andExpect(status().isOk()));

        assertThat(again).isEqualTo(first);
        verify(commands, times(1)).sendAndWait(any(PlaceOrder.class));
        // Another customer's identical key is another order.
        String bobs = orderIdOf(place("bob", "key-1", body(line("kettle", 1))).andExpect(status().isAccepted()));
        assertThat(bobs).isNotEqualTo(first);
    }

    @Test
    void aRetryAfterTheCommandCouldNotBeSentPlacesTheRecordedOrder() throws Exception {
        when(commands.sendAndWait(any(PlaceOrder.class)))
                .thenThrow(new org.axonframework.commandhandling.NoHandlerForCommandException("hub down"))
                .thenReturn(null);
        place(ALICE, "key-3", body(line("kettle", 1))).andExpect(status().isServiceUnavailable());
        String recorded = placements.findByKey(ALICE, "key-3").orElseThrow().orderId();

        String retried = orderIdOf(place(ALICE, "key-3", body(line("kettle", 1))).andExpect(status().isOk()));

        assertThat(retried).isEqualTo(recorded);
        ArgumentCaptor<PlaceOrder> sent = ArgumentCaptor.forClass(PlaceOrder.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).extracting(command -> command.orderId().value()).containsOnly(recorded);
        assertThat(placements.rows.get(recorded).state()).isEqualTo(OrderPlacements.State.PLACED);
    }

    @Test
    void aRetryThatFindsTheOrderAlreadyCreatedAnswersIt() throws Exception {
        when(commands.sendAndWait(any(PlaceOrder.class)))
                .thenThrow(new org.axonframework.commandhandling.NoHandlerForCommandException("timed out"))
                .thenThrow(new org.axonframework.modelling.command.ConcurrencyException("aggregate already exists"));
        place(ALICE, "key-4", body(line("kettle", 1))).andExpect(status().isServiceUnavailable());
        String recorded = placements.findByKey(ALICE, "key-4").orElseThrow().orderId();

        place(ALICE, "key-4", body(line("kettle", 1))).andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(recorded));
        assertThat(placements.rows.get(recorded).state()).isEqualTo(OrderPlacements.State.PLACED);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndSendsNothingMore() throws Exception {
        place(ALICE, "key-2", body(line("kettle", 1))).andExpect(status().isAccepted());

        place(ALICE, "key-2", body(line("kettle", 2)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("idempotency-key-reused"));
        verify(commands, times(1)).sendAndWait(any(PlaceOrder.class));
    }

    @Test
    void ordersWithoutAKeyAreNewEachTime() throws Exception {
        String one = orderIdOf(place(ALICE, null, body(line("kettle", 1))));
        String two = orderIdOf(place(ALICE, null, body(line("kettle", 1))));
        assertThat(one).isNotEqualTo(two);
        verify(commands, times(2)).sendAndWait(any(PlaceOrder.class));
    }

    @Test
    void aCustomerCancelsTheirOwnOrder() throws Exception {
        placements.rows.put("o-1", new OrderPlacements.Placement("o-1", ALICE, "h", OrderPlacements.State.PLACED));

        cancel("o-1", TestTokens.customer(ALICE)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("CANCELLATION_REQUESTED"));

        ArgumentCaptor<RequestOrderCancellation> sent = ArgumentCaptor.forClass(RequestOrderCancellation.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().orderId()).isEqualTo(OrderId.of("o-1"));
        assertThat(sent.getValue().requestedBy()).isEqualTo(ALICE);
    }

    @Test
    void anAdminCancelsAnyOrder() throws Exception {
        placements.rows.put("o-1", new OrderPlacements.Placement("o-1", ALICE, "h", OrderPlacements.State.PLACED));
        cancel("o-1", TestTokens.admin()).andExpect(status().isAccepted());
        verify(commands).sendAndWait(any(RequestOrderCancellation.class));
    }

    @Test
    void anUnknownOrSomeoneElsesOrderIsNotFoundAndNothingIsSent() throws Exception {
        placements.rows.put("o-1", new OrderPlacements.Placement("o-1", ALICE, "h", OrderPlacements.State.PLACED));
        when(queries.query(any(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));

        cancel("o-1", TestTokens.customer("bob")).andExpect(status().isNotFound());
        cancel("nope", TestTokens.customer(ALICE)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void cancellingARejectedOrderIsAConflict() throws Exception {
        placements.rows.put("o-1", new OrderPlacements.Placement("o-1", ALICE, "h", OrderPlacements.State.PLACED));
        when(commands.sendAndWait(any(RequestOrderCancellation.class)))
                .thenThrow(DomainError.conflict("order-rejected", "order o-1 is REJECTED and cannot be cancelled").exception());

        cancel("o-1", TestTokens.customer(ALICE)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("order-rejected"));
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body(line("kettle", 1))))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(commands);
    }

    // --- helpers ---

    private ResultActions place(String customer, String key, String body) throws Exception {
        var request = post("/orders").header("Authorization", TestTokens.bearer(TestTokens.customer(customer)))
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }

    private ResultActions cancel(String orderId, String token) throws Exception {
        return mvc.perform(post("/orders/{id}/cancel", orderId).header("Authorization", TestTokens.bearer(token)));
    }

    private static String orderIdOf(ResultActions result) throws Exception {
        return com.jayway.jsonpath.JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.orderId");
    }

    private static ProductPriceView price(String id, String price, String currency, boolean discontinued) {
        return new ProductPriceView(ProductId.of(id), id.toUpperCase(), id + " name", new BigDecimal(price), currency, discontinued);
    }

    static String line(String productId, int quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    static String body(String lines) {
        return "{\"lines\":[" + lines + "],\"paymentMethod\":{\"type\":\"CARD\",\"token\":\"tok_3b9f\",\"brand\":\"visa\",\"last4\":\"4242\"},"
                + "\"shippingAddress\":{\"recipient\":\"Ada\",\"street\":\"Main St 1\",\"postalCode\":\"1000\","
                + "\"city\":\"Brussels\",\"country\":\"be\"}}";
    }

    static String withPayment(String payment) {
        return "{\"lines\":[" + line("kettle", 1) + "],\"paymentMethod\":" + payment + ","
                + "\"shippingAddress\":{\"recipient\":\"Ada\",\"street\":\"Main St 1\",\"postalCode\":\"1000\","
                + "\"city\":\"Brussels\",\"country\":\"BE\"}}";
    }

    static String withAddressWithout(String field) {
        Map<String, String> address = new java.util.LinkedHashMap<>(Map.of("recipient", "Ada", "street", "Main St 1",
                "postalCode", "1000", "city", "Brussels", "country", "BE"));
        address.remove(field);
        String json = address.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        return "{\"lines\":[" + line("kettle", 1) + "],\"paymentMethod\":{\"type\":\"CARD\",\"token\":\"t\"},"
                + "\"shippingAddress\":{" + json + "}}";
    }

    /** Table order_placement in memory, with the same first-writer-wins rule for a key. */
    static class InMemoryPlacements extends OrderPlacements {
        final Map<String, Placement> rows = new ConcurrentHashMap<>();
        final Map<String, String> keys = new ConcurrentHashMap<>();

        InMemoryPlacements() {
            super(null);
        }

        void clear() {
            rows.clear();
            keys.clear();
        }

        @Override
        void insert(String orderId, String customerId, String requestHash) {
            rows.put(orderId, new Placement(orderId, customerId, requestHash, State.SENDING));
        }

        @Override
        synchronized boolean insertIfKeyFree(String orderId, String customerId, String key, String requestHash) {
            if (keys.putIfAbsent(customerId + "/" + key, orderId) != null) {
                return false;
            }
            insert(orderId, customerId, requestHash);
            return true;
        }

        @Override
        Optional<Placement> findByKey(String customerId, String key) {
            return Optional.ofNullable(keys.get(customerId + "/" + key)).map(rows::get);
        }

        @Override
        Placement lockByKey(String customerId, String key) {
            return findByKey(customerId, key).orElseThrow();
        }

        @Override
        void markPlaced(String orderId) {
            rows.computeIfPresent(orderId, (id, row) -> new Placement(id, row.customerId(), row.requestHash(), State.PLACED));
        }

        @Override
        Optional<String> customerOf(String orderId) {
            return Optional.ofNullable(rows.get(orderId)).map(Placement::customerId);
        }
    }
}
