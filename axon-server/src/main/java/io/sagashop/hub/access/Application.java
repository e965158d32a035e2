package io.sagashop.hub.access;

import java.util.List;

/**
 * One application known to the hub and what its credential allows. The checks answer null when
 * allowed, else the refusal's message naming the application and the message.
 *
 * @param name             as in {@code hub-access.yml} and the tokens file
 * @param dispatchCommands commands it may send
 * @param handleCommands   commands it may subscribe to as a handler
 * @param sendQueries      queries it may send (plain, streaming and subscription queries)
 * @param handleQueries    queries it may subscribe to as a handler
 * @param readEvents       whether it may read the event store: tracking streams, aggregate events,
 *                         snapshots, tokens, sequence numbers, event queries
 * @param appendEvents     whether it may append events and snapshots, and schedule events
 * @param platform         whether it may open the control channel (register as a client instance,
 *                         report and be told about its event processors)
 * @param http             what it may do on the HTTP API and dashboard
 */
public record Application(String name, List<MessagePattern> dispatchCommands, List<MessagePattern> handleCommands,
                          List<MessagePattern> sendQueries, List<MessagePattern> handleQueries,
                          boolean readEvents, boolean appendEvents, boolean platform, HttpRole http) {

    /** The name of the built-in application with every right, the operators' and tests' credential. */
    public static final String ADMIN = "admin";

    static Application admin() {
        List<MessagePattern> all = List.of(MessagePattern.of("*"));
        return new Application(ADMIN, all, all, all, all, true, true, true, HttpRole.OPERATOR);
    }

    public boolean isAdmin() {
        return ADMIN.equals(name);
    }

    public String mayDispatchCommand(String command) {
        return check(dispatchCommands, command, "dispatch command");
    }

    public String mayHandleCommand(String command) {
        return check(handleCommands, command, "handle command");
    }

    public String maySendQuery(String query) {
        return check(sendQueries, query, "send query");
    }

    public String mayHandleQuery(String query) {
        return check(handleQueries, query, "handle query");
    }

    private String check(List<MessagePattern> allowed, String message, String what) {
        for (MessagePattern pattern : allowed) {
            if (pattern.matches(message)) {
                return null;
            }
        }
        return refusal(what + " " + message);
    }

    /** The refusal's message: the same shape everywhere, so logs and clients read alike. */
    public String refusal(String what) {
        return "Permission denied: application '" + name + "' may not " + what;
    }
}
