package io.sagashop.recommendation.history;

/** The processing group all of this service's views share, so they catch up as one. */
final class Views {

    static final String PROCESSING_GROUP = "recommendation-views";

    private Views() {
    }
}
