package io.sagashop.hub.access;

/** What a caller may do on the hub's HTTP API and dashboard. */
public enum HttpRole {
    /** Nothing: the credential is for gRPC only. */
    NONE,
    /** Read every page and GET endpoint (and the metrics), change nothing. */
    VIEWER,
    /** Also act: saga retry/compensate/end, processor pause/start/split/merge/move, dev-mode purge. */
    OPERATOR;

    public boolean includes(HttpRole needed) {
        return ordinal() >= needed.ordinal();
    }
}
