package io.sagashop.flamegraph;

import java.util.regex.Pattern;

/**
 * One frame of a stack: a method of a class, or a synthetic frame the tool adds (the root of a
 * truncated stack) with an empty class name.
 *
 * <p>Class names are normalised where the JVM puts a per-run number or address into them (lambdas,
 * method handles, reflection accessors, proxies): the same code then folds into the same frame in
 * two recordings, and folded stacks of a "before" and an "after" can be diffed line by line.
 */
public record Frame(String className, String method) implements Comparable<Frame> {

    /** The root of stacks deeper than the recording's stack depth: their real root is unknown. */
    public static final Frame TRUNCATED = synthetic("[truncated stack]");

    // Frame$$Lambda$66+0x00007faedc000a08.2060468723 (JDK 17's JFR), Frame$$Lambda$66/0x0000000800c0b000,
    // Frame$$Lambda/0x... (JDK 21): always Frame$$Lambda.
    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda(\\$\\d+)?([+/.]0x\\p{XDigit}+(\\.\\d+)?)?");
    // Any other hidden class (LambdaForm$MH/0x..., LambdaForm$DMH+0x...).
    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("[+/]0x\\p{XDigit}+(\\.\\d+)?$");
    // jdk.internal.reflect.GeneratedMethodAccessor123, GeneratedConstructorAccessor7, ...
    private static final Pattern ACCESSOR = Pattern.compile("(Generated\\w*Accessor)\\d+");
    // jdk.proxy2.$Proxy123
    private static final Pattern PROXY = Pattern.compile("(^|\\.)\\$Proxy\\d+");
    private static final Pattern PROXY_PACKAGE = Pattern.compile("^jdk\\.proxy\\d+\\.");
    // Byte Buddy's generated subclasses: Order$HibernateProxy$k3J9xT1a, Foo$ByteBuddy$abc123
    private static final Pattern BYTE_BUDDY = Pattern.compile("\\$(HibernateProxy|ByteBuddy)\\$\\w+");

    public Frame {
        if (className == null || method == null) {
            throw new IllegalArgumentException("className and method must not be null");
        }
    }

    /** A frame of a Java method as JFR names it, with the class name normalised (see above). */
    public static Frame of(String className, String method) {
        return new Frame(normalise(className), method);
    }

    /** A frame that is no method: the tool's own markers. */
    public static Frame synthetic(String name) {
        return new Frame("", name);
    }

    static String normalise(String className) {
        String name = LAMBDA.matcher(className).replaceAll("\\$\\$Lambda");
        name = HIDDEN_SUFFIX.matcher(name).replaceFirst("");
        name = ACCESSOR.matcher(name).replaceAll("$1");
        name = PROXY_PACKAGE.matcher(name).replaceFirst("jdk.proxy.");
        name = PROXY.matcher(name).replaceAll("$1\\$Proxy");
        name = BYTE_BUDDY.matcher(name).replaceAll("\\$$1");
        return name;
    }

    public boolean isSynthetic() {
        return className.isEmpty();
    }

    /** The package of the class, "" for the default package and synthetic frames. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** {@code io.sagashop.order.OrderSaga.on}: unambiguous; the folded stacks use it. */
    public String fullName() {
        return isSynthetic() ? method : className + "." + method;
    }

    /**
     * {@code OrderSaga.on}, {@code OrderSaga$Step.run}: what a graph's box and the summary show.
     * The package is in the tooltip and decides the colour.
     */
    public String shortName() {
        if (isSynthetic()) {
            return method;
        }
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }

    @Override
    public int compareTo(Frame other) {
        int byName = shortName().compareTo(other.shortName());
        return byName != 0 ? byName : fullName().compareTo(other.fullName());
    }

    @Override
    public String toString() {
        return fullName();
    }
}
