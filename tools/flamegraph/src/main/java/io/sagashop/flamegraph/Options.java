package io.sagashop.flamegraph;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The command line, parsed and checked before anything is read: a mistake is one message and the
 * usage, not a stack trace after a minute of parsing a large recording.
 *
 * @param threads whole-name pattern of the threads to keep, null for all
 * @param from seconds after the recording's start before which samples are skipped, null for none
 * @param to seconds after the recording's start after which samples are skipped, null for none
 * @param folded where to write the folded stacks as well, null for nowhere
 */
public record Options(Path input, Path output, Pattern threads, Double from, Double to, boolean includeNative,
                      Path folded, String title, String oursPrefix, int top, int width) {

    public static final String USAGE = """
            usage: java -jar sagashop-flamegraph.jar INPUT.jfr OUTPUT.svg [options]

            Draws the stack samples of a JFR recording as a flame graph (SVG) and prints a summary:
            total samples, the threads, the top "self" frames and the top "total" frames of our code.

              --threads REGEX   only threads whose whole name matches REGEX, e.g. 'order-saga.*'
              --from SECONDS    skip samples earlier than SECONDS after the recording's start
              --to SECONDS      skip samples later than SECONDS after the recording's start
              --native          also jdk.NativeMethodSample (threads inside native methods: mostly
                                waiting on sockets and locks, not CPU); off by default
              --folded FILE     also write the folded stacks ("frame;frame;frame count" per line)
              --title TEXT      the graph's title (default: the input file's name)
              --ours PREFIX     package prefix of "our code" (default io.sagashop.)
              --top N           entries in each summary list (default 15)
              --width PIXELS    width of the graph (default 1200)
              -h, --help        this text
            """;

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Whether the arguments ask for the usage text rather than a graph. */
    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    public static Options parse(String... args) {
        Path input = null;
        Path output = null;
        Pattern threads = null;
        Double from = null;
        Double to = null;
        boolean includeNative = false;
        Path folded = null;
        String title = null;
        String ours = Kind.Classifier.DEFAULT_OURS;
        int top = 15;
        int width = SvgWriter.DEFAULT_WIDTH;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--threads" -> threads = pattern(value(args, ++i, arg));
                case "--from" -> from = seconds(value(args, ++i, arg), arg);
                case "--to" -> to = seconds(value(args, ++i, arg), arg);
                case "--native" -> includeNative = true;
                case "--folded" -> folded = Path.of(value(args, ++i, arg));
                case "--title" -> title = value(args, ++i, arg);
                case "--ours" -> ours = value(args, ++i, arg);
                case "--top" -> top = number(value(args, ++i, arg), arg, 1, 1000);
                case "--width" -> width = number(value(args, ++i, arg), arg, 200, 100_000);
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (input == null) {
                        input = Path.of(arg);
                    } else if (output == null) {
                        output = Path.of(arg);
                    } else {
                        throw new UsageException("one input and one output only; what is '" + arg + "'?");
                    }
                }
            }
        }
        if (input == null || output == null) {
            throw new UsageException(input == null ? "no input file (a .jfr recording)" : "no output file (the .svg to write)");
        }
        if (from != null && to != null && from >= to) {
            throw new UsageException(String.format(Locale.ROOT, "--from (%s) must be before --to (%s)", from, to));
        }
        if (ours.isBlank()) {
            throw new UsageException("--ours needs a package prefix, e.g. io.sagashop.");
        }
        if (title == null) {
            title = "Flame graph of " + input.getFileName();
        }
        return new Options(input, output, threads, from, to, includeNative, folded, title, ours, top, width);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--threads: not a regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    private static Double seconds(String text, String option) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs seconds (0 or more, e.g. 12.5), not '" + text + "'");
        }
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number from " + min + " to " + max + ", not '" + text + "'");
        }
    }

    /** The window as the graph's header says it ("10.0 s to 40.0 s after the start"), null when there is none. */
    public String window() {
        if (from == null && to == null) {
            return null;
        }
        if (to == null) {
            return String.format(Locale.ROOT, "from %.1f s after the start", from);
        }
        if (from == null) {
            return String.format(Locale.ROOT, "up to %.1f s after the start", to);
        }
        return String.format(Locale.ROOT, "%.1f s to %.1f s after the start", from, to);
    }
}
