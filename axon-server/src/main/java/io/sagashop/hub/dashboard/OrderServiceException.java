package io.sagashop.hub.dashboard;

import org.springframework.http.HttpStatus;

/**
 * The order service could not answer a saga page: not connected (503), too slow (504), or it
 * refused an action (409, with its message).
 */
class OrderServiceException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    OrderServiceException(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
