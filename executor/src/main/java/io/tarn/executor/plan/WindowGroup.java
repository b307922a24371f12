package io.tarn.executor.plan;

import java.util.Arrays;
import java.util.List;

/** Window functions sharing one PARTITION BY, ORDER BY and frame. */
public record WindowGroup(int[] partitionKeys, List<SortKey> orderKeys, WindowFrame frame, List<WindowFunction> functions) {
    public WindowGroup {
        partitionKeys = partitionKeys.clone();
        orderKeys = List.copyOf(orderKeys);
        functions = List.copyOf(functions);
    }

    @Override
    public String toString() {
        return "partition=" + Arrays.toString(partitionKeys) + " order=" + orderKeys + " " + frame + " " + functions;
    }
}
