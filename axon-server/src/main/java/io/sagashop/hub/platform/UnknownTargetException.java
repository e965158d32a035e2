package io.sagashop.hub.platform;

/** An instruction names something the hub does not know: a context, component, processor or instance. */
public class UnknownTargetException extends RuntimeException {

    public UnknownTargetException(String message) {
        super(message);
    }
}
