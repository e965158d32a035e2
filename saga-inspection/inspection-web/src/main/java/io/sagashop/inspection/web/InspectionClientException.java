package io.sagashop.inspection.web;

/**
 * Asking the applications failed; answered as problem+json with this status.
 * 404 unknown saga, 409 action refused by the application, 503 nobody answers, 504 timed out,
 * 502 an application failed.
 */
public class InspectionClientException extends RuntimeException {

    private final int status;
    private final String title;

    public InspectionClientException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
