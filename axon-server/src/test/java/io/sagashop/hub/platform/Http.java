package io.sagashop.hub.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls against the hub's API, as a script would make them. They carry the test hub's
 * admin token unless the headers name a credential ({@code AxonIQ-Access-Token} or
 * {@code Authorization}); {@link #anonymous} sends none.
 */
public final class Http {

    private static final String[] ANONYMOUS = {"X-Test-Anonymous", "true"};

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url, String... headers) {
        return call(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public static HttpResponse<String> post(String url, String json, String... headers) {
        return call(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    public static HttpResponse<String> patch(String url, String... headers) {
        return call(HttpRequest.newBuilder(URI.create(url)).method("PATCH", HttpRequest.BodyPublishers.noBody()), headers);
    }

    public static HttpResponse<String> delete(String url, String... headers) {
        return call(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
    }

    /** Headers that make a call carry no credential at all. */
    public static String[] anonymous(String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(ANONYMOUS, 0, all, 0, 2);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    private static HttpResponse<String> call(HttpRequest.Builder request, String... headers) {
        boolean credential = false;
        for (int i = 0; i < headers.length; i += 2) {
            String name = headers[i];
            credential |= name.equalsIgnoreCase("AxonIQ-Access-Token") || name.equalsIgnoreCase("Authorization")
                    || name.equals(ANONYMOUS[0]);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (!credential) {
            request.header("AxonIQ-Access-Token", io.sagashop.hub.testing.TestHub.ADMIN_TOKEN);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
