package io.tarn.executor.runtime;

import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.aggregate.HashAggregateOperator;
import io.tarn.executor.operator.join.HashJoinOperator;
import io.tarn.executor.operator.join.JoinCondition;
import io.tarn.executor.operator.join.NestedLoopJoinOperator;
import io.tarn.executor.operator.setop.SetOperationOperator;
import io.tarn.executor.operator.setop.UnionOperator;
import io.tarn.executor.plan.PhysicalExchange;
import io.tarn.executor.plan.PhysicalFilter;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalLimit;
import io.tarn.executor.plan.PhysicalNestedLoopJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalProject;
import io.tarn.executor.plan.PhysicalScan;
import io.tarn.executor.plan.PhysicalSetOperation;
import io.tarn.executor.plan.PhysicalSort;
import io.tarn.executor.plan.PhysicalUnion;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.PhysicalWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the operators of one fragment instance ({@code instance} of {@code instanceCount}), one method per plan
 * node type. Exchanges inside the fragment become the consumer end of their queues.
 */
final class LocalExecutionPlanner {
    private final ExecutionContext context;
    private final int instance;
    private final int instanceCount;
    private final Map<PhysicalExchange, List<ExchangeQueue>> queuesByExchange;

    LocalExecutionPlanner(ExecutionContext context, int instance, int instanceCount,
                          Map<PhysicalExchange, List<ExchangeQueue>> queuesByExchange) {
        this.context = context;
        this.instance = instance;
        this.instanceCount = instanceCount;
        this.queuesByExchange = queuesByExchange;
    }

    /** The operator tree for {@code node}; on failure, closes what it already created. */
    Operator plan(PhysicalNode node) {
        if (node instanceof PhysicalExchange exchange) {
            return new ExchangeSourceOperator(queuesByExchange.get(exchange).get(instance));
        } else if (node instanceof PhysicalScan scan) {
            return planScan(scan);
        } else if (node instanceof PhysicalValues values) {
            return planValues(values);
        } else if (node instanceof PhysicalFilter filter) {
            return planFilter(filter);
        } else if (node instanceof PhysicalProject project) {
            return planProject(project);
        } else if (node instanceof PhysicalSort sort) {
            return planSort(sort);
        } else if (node instanceof PhysicalLimit limit) {
            return planLimit(limit);
        } else if (node instanceof PhysicalHashJoin join) {
            return planHashJoin(join);
        } else if (node instanceof PhysicalNestedLoopJoin join) {
            return planNestedLoopJoin(join);
        } else if (node instanceof PhysicalHashAggregate aggregate) {
            return planHashAggregate(aggregate);
        } else if (node instanceof PhysicalWindow window) {
            return planWindow(window);
        } else if (node instanceof PhysicalUnion union) {
            return planUnion(union);
        } else if (node instanceof PhysicalSetOperation setOperation) {
            return planSetOperation(setOperation);
        }
        throw new IllegalArgumentException("unknown plan node " + node);
    }

    private List<Operator> planAll(List<PhysicalNode> nodes) {
        List<Operator> operators = new ArrayList<>();
        try {
            for (PhysicalNode node : nodes) {
                operators.add(plan(node));
            }
        } catch (RuntimeException | Error e) {
            operators.forEach(Operator::close);
            throw e;
        }
        return operators;
    }

    private Operator planScan(PhysicalScan scan) {
        throw new UnsupportedOperationException("scan is not yet implemented");
    }

    private Operator planValues(PhysicalValues values) {
        throw new UnsupportedOperationException("values is not yet implemented");
    }

    private Operator planFilter(PhysicalFilter filter) {
        throw new UnsupportedOperationException("filter is not yet implemented");
    }

    private Operator planProject(PhysicalProject project) {
        throw new UnsupportedOperationException("project is not yet implemented");
    }

    private Operator planSort(PhysicalSort sort) {
        throw new UnsupportedOperationException("sort is not yet implemented");
    }

    private Operator planLimit(PhysicalLimit limit) {
        throw new UnsupportedOperationException("limit is not yet implemented");
    }

    private Operator planHashJoin(PhysicalHashJoin join) {
        Optional<JoinCondition> residual = join.residual().map(this::condition);
        List<Operator> inputs = planAll(List.of(join.left(), join.right()));
        return new HashJoinOperator(join, inputs.get(0), inputs.get(1), residual, context);
    }

    private JoinCondition condition(Expression expression) {
        return ExpressionCompiler.compilePredicate(expression, context.timeZone())::filter;
    }

    private Operator planNestedLoopJoin(PhysicalNestedLoopJoin join) {
        Optional<JoinCondition> condition = join.condition().map(this::condition);
        List<Operator> inputs = planAll(List.of(join.left(), join.right()));
        return new NestedLoopJoinOperator(join, inputs.get(0), inputs.get(1), condition, context);
    }

    private Operator planHashAggregate(PhysicalHashAggregate aggregate) {
        return new HashAggregateOperator(aggregate, plan(aggregate.input()), context);
    }

    private Operator planWindow(PhysicalWindow window) {
        throw new UnsupportedOperationException("window is not yet implemented");
    }

    private Operator planUnion(PhysicalUnion union) {
        return new UnionOperator(planAll(union.inputs()), context);
    }

    private Operator planSetOperation(PhysicalSetOperation setOperation) {
        return new SetOperationOperator(setOperation, planAll(setOperation.inputs()), context);
    }
}
