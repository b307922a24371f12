package io.tarn.planner.engine;

import io.tarn.executor.plan.PhysicalNode;

import java.util.ArrayList;
import java.util.List;

/** Renders a physical plan as indented lines, one per node: what EXPLAIN shows. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static List<String> lines(PhysicalNode root) {
        List<String> lines = new ArrayList<>();
        append(root, 0, lines);
        return lines;
    }

    private static void append(PhysicalNode node, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + node);
        for (PhysicalNode input : node.inputs()) {
            append(input, depth + 1, lines);
        }
    }
}
