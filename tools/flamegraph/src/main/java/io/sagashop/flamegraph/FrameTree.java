package io.sagashop.flamegraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folded stacks merged into a tree: a node per frame reached by a distinct path from the root,
 * counting the samples that passed through it (total) and those that ended in it (self). A flame
 * graph is this tree drawn with each node as wide as its total.
 */
public final class FrameTree {

    /** The synthetic root above every thread's stack: all samples. */
    public static final Frame ALL = Frame.synthetic("all");

    private final Node root = new Node(ALL);

    public static FrameTree of(Stacks stacks) {
        FrameTree tree = new FrameTree();
        stacks.counts().forEach(tree::add);
        return tree;
    }

    public void add(List<Frame> stack, long samples) {
        Node node = root;
        node.total += samples;
        for (Frame frame : stack) {
            node = node.children.computeIfAbsent(frame, Node::new);
            node.total += samples;
        }
        node.self += samples;
    }

    public Node root() {
        return root;
    }

    /** The number of levels below the root: the longest stack. */
    public int depth() {
        return root.height();
    }

    public static final class Node {
        private final Frame frame;
        private final Map<Frame, Node> children = new HashMap<>();
        private long total;
        private long self;

        private Node(Frame frame) {
            this.frame = frame;
        }

        public Frame frame() {
            return frame;
        }

        public long total() {
            return total;
        }

        public long self() {
            return self;
        }

        public Node child(Frame frame) {
            return children.get(frame);
        }

        /**
         * Sorted by name, not by size: the same callees then sit in the same order in every graph,
         * so a "before" and an "after" can be compared by eye.
         */
        public List<Node> children() {
            List<Node> sorted = new ArrayList<>(children.values());
            sorted.sort((a, b) -> a.frame.compareTo(b.frame));
            return sorted;
        }

        int height() {
            int height = 0;
            for (Node child : children.values()) {
                height = Math.max(height, child.height() + 1);
            }
            return height;
        }
    }
}
