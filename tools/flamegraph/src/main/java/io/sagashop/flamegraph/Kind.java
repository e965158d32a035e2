package io.sagashop.flamegraph;

import java.util.List;

/**
 * Whose code a frame is, which decides its colour: at a glance, how much of a stack is ours and
 * how much the frameworks and the JDK underneath.
 */
public enum Kind {
    OURS("our code", new int[] {225, 90, 40}, new int[] {255, 150, 80}),
    FRAMEWORK("frameworks (Axon, Spring, Hibernate, MySQL driver, gRPC)", new int[] {215, 185, 40}, new int[] {250, 225, 110}),
    LIBRARY("other libraries", new int[] {170, 190, 90}, new int[] {205, 220, 140}),
    JDK("JDK", new int[] {95, 160, 215}, new int[] {150, 200, 245}),
    OTHER("markers (not a method)", new int[] {170, 170, 170}, new int[] {200, 200, 200});

    /** The frameworks named in the legend: their own colour, they are what our code runs on. */
    static final List<String> FRAMEWORK_PACKAGES = List.of(
            "org.axonframework.", "org.springframework.", "org.hibernate.", "com.mysql.", "io.grpc.");

    static final List<String> JDK_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.");

    private final String description;
    private final int[] darkest;
    private final int[] lightest;

    Kind(String description, int[] darkest, int[] lightest) {
        this.description = description;
        this.darkest = darkest;
        this.lightest = lightest;
    }

    public String description() {
        return description;
    }

    /**
     * A colour of this kind's band: neighbouring boxes of the same kind differ a little (by a hash
     * of the name, so the same frame has the same colour in every graph).
     */
    public String colour(String name) {
        double shade = (name.hashCode() & 0xffff) / (double) 0xffff;
        return rgb(shade);
    }

    /** The band's middle, for the legend. */
    public String legendColour() {
        return rgb(0.5);
    }

    private String rgb(double shade) {
        int[] c = new int[3];
        for (int i = 0; i < 3; i++) {
            c[i] = (int) Math.round(darkest[i] + (lightest[i] - darkest[i]) * shade);
        }
        return "rgb(" + c[0] + "," + c[1] + "," + c[2] + ")";
    }

    /** Decides the kind of a frame; "our code" is whatever package prefix the user says it is. */
    public record Classifier(String oursPrefix) {

        public static final String DEFAULT_OURS = "io.sagashop.";

        public Kind of(Frame frame) {
            if (frame.isSynthetic()) {
                return OTHER;
            }
            String name = frame.className();
            if (name.startsWith(oursPrefix)) {
                return OURS;
            }
            if (startsWithAny(name, FRAMEWORK_PACKAGES)) {
                return FRAMEWORK;
            }
            if (startsWithAny(name, JDK_PACKAGES)) {
                return JDK;
            }
            return LIBRARY;
        }

        public String describe(Kind kind) {
            return kind == OURS ? kind.description + " (" + oursPrefix + "*)" : kind.description;
        }

        private static boolean startsWithAny(String name, List<String> prefixes) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
