package io.sagashop.payment.gateway;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** What the HTTP adapters share: the client with its timeouts, and sorting failures into "not reached" and "unknown". */
final class HttpGatewaySupport {

    private HttpGatewaySupport() {
    }

    static RestClient client(GatewayProperties.Endpoint endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(endpoint.readTimeout());
        return RestClient.builder().baseUrl(endpoint.baseUrl()).requestFactory(factory).build();
    }

    static <T> T call(String gateway, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            if (causedBy(e, ConnectException.class)) {
                throw new GatewayNotReachedException(gateway + " gateway refused the connection", e);
            }
            throw new GatewayException(gateway + " gateway did not answer in time", e);
        } catch (HttpStatusCodeException e) {
            if (e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                throw new GatewayNotReachedException(gateway + " gateway is unavailable (503)", e);
            }
            throw new GatewayException(gateway + " gateway answered " + e.getStatusCode(), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
