package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/**
 * A node of Tarn's physical plan: plain values describing an operator, free of Calcite, so a plan fragment can be
 * shipped to another machine. {@code toString()} is the node's EXPLAIN line (without its inputs).
 */
public sealed interface PhysicalNode
        permits PhysicalScan, PhysicalValues, PhysicalFilter, PhysicalProject, PhysicalHashJoin,
        PhysicalNestedLoopJoin, PhysicalHashAggregate, PhysicalSort, PhysicalLimit, PhysicalWindow,
        PhysicalUnion, PhysicalSetOperation, PhysicalExchange {

    RowSchema schema();

    List<PhysicalNode> inputs();
}
