package io.sagashop.platform.test.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Small request helper for the platform's tests. */
public record Http(TestRestTemplate rest) {

    public ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, String json) {
        return call(method, path, token, json, new HttpHeaders());
    }

    public ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, String json, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return rest.exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
    }
}
