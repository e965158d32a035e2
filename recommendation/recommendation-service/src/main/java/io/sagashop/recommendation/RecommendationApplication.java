package io.sagashop.recommendation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The recommendation service: views of products, favourite categories and purchases, kept from
 * other services' events, and ranked suggestions from them over HTTP and the query bus.
 */
@SpringBootApplication
public class RecommendationApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecommendationApplication.class, args);
    }
}
