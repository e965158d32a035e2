package io.sagashop.hub.eventstore;

/** A payload type with its revision ({@code ""} when none), as blacklists name them. */
record PayloadKey(String type, String revision) {

    PayloadKey {
        revision = revision == null ? "" : revision;
    }
}
