package io.tarn.executor.runtime;

import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.aggregate.HashAggregateOperator;
import io.tarn.executor.operator.filter.FilterOperator;
import io.tarn.executor.operator.join.HashJoinOperator;
import io.tarn.executor.operator.join.JoinCondition;
import io.tarn.executor.operator.join.JoinKeyFilter;
import io.tarn.executor.operator.join.NestedLoopJoinOperator;
import io.tarn.executor.operator.limit.LimitOperator;
import io.tarn.executor.operator.project.ProjectOperator;
import io.tarn.executor.operator.scan.ScanOperator;
import io.tarn.executor.operator.scan.ScanTaskQueue;
import io.tarn.executor.operator.setop.SetOperationOperator;
import io.tarn.executor.operator.setop.UnionOperator;
import io.tarn.executor.operator.sort.SortOperator;
import io.tarn.executor.operator.values.ValuesOperator;
import io.tarn.executor.operator.window.WindowOperator;
import io.tarn.executor.plan.JoinType;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates the operators of one fragment instance ({@code instance}), one method per plan
 * node type. Exchanges inside the fragment become the consumer end of their queues.
 */
final class LocalExecutionPlanner {
    private final ExecutionContext context;
    private final int instance;
    private final Map<PhysicalExchange, List<ExchangeQueue>> queuesByExchange;
    /** Shared by all planners of the query (they run on the workers' threads): one queue per scan node. */
    private final Map<PhysicalScan, ScanTaskQueue> scanTasks;
    /** This instance's joins' key ranges, by the scan in this fragment that reads the probe key. */
    private final Map<PhysicalScan, List<ScanOperator.RuntimeKeyFilter>> runtimeFilters = new IdentityHashMap<>();

    LocalExecutionPlanner(ExecutionContext context, int instance,
                          Map<PhysicalExchange, List<ExchangeQueue>> queuesByExchange,
                          Map<PhysicalScan, ScanTaskQueue> scanTasks) {
        this.context = context;
        this.instance = instance;
        this.queuesByExchange = queuesByExchange;
        this.scanTasks = scanTasks;
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

    /** Plans {@code inputNode} and wraps it; closes the input if the wrapping operator cannot be created. */
    private Operator withInput(PhysicalNode inputNode, Function<Operator, Operator> wrap) {
        Operator input = plan(inputNode);
        try {
            return wrap.apply(input);
        } catch (RuntimeException | Error e) {
            input.close();
            throw e;
        }
    }

    private Operator planScan(PhysicalScan scan) {
        ScanTaskQueue tasks = scanTasks.computeIfAbsent(scan, node -> new ScanTaskQueue(node.scanPlan().tasks()));
        return new ScanOperator(scan.table(), scan.request(), tasks, scan.filter(),
                runtimeFilters.getOrDefault(scan, List.of()), context);
    }

    private Operator planValues(PhysicalValues values) {
        return new ValuesOperator(instance == 0 ? values.rows() : List.of(), values.schema(), context);
    }

    private Operator planFilter(PhysicalFilter filter) {
        return withInput(filter.input(), input -> new FilterOperator(input, filter.condition(), context));
    }

    private Operator planProject(PhysicalProject project) {
        return withInput(project.input(), input -> new ProjectOperator(input, project.expressions(), project.schema(), context));
    }

    private Operator planSort(PhysicalSort sort) {
        return withInput(sort.input(), input -> new SortOperator(input, sort.keys(), sort.offset(), sort.limit(), context));
    }

    private Operator planLimit(PhysicalLimit limit) {
        return withInput(limit.input(), input -> new LimitOperator(input, limit.offset(), limit.limit(), context));
    }

    private Operator planHashJoin(PhysicalHashJoin join) {
        Optional<JoinCondition> residual = join.residual().map(this::condition);
        Optional<JoinKeyFilter> keyFilter = runtimeFilter(join);
        List<Operator> inputs = planAll(List.of(join.left(), join.right()));
        return new HashJoinOperator(join, inputs.get(0), inputs.get(1), residual, keyFilter, context);
    }

    /**
     * A runtime join filter, when the join drops the probe rows that match nothing and its first probe key comes
     * unchanged from a scan in this fragment (which then reads the range before opening each task). A probe side
     * behind an exchange is read by other threads, already running while this join builds.
     */
    private Optional<JoinKeyFilter> runtimeFilter(PhysicalHashJoin join) {
        boolean dropsUnmatchedProbeRows = switch (join.joinType()) {
            case INNER, SEMI, RIGHT, RIGHT_SEMI, RIGHT_ANTI -> true;
            case LEFT, FULL, ANTI -> false;
        };
        if (!dropsUnmatchedProbeRows || !JoinKeyFilter.supports(join)) {
            return Optional.empty();
        }
        int key = join.leftKeys()[0];
        return scanOf(join.left(), key).map(scanColumn -> {
            JoinKeyFilter filter = new JoinKeyFilter();
            runtimeFilters.computeIfAbsent(scanColumn.scan(), scan -> new ArrayList<>())
                    .add(new ScanOperator.RuntimeKeyFilter(scanColumn.position(), filter));
            return filter;
        });
    }

    /** Output column {@code position} of {@code scan}. */
    private record ScanColumn(PhysicalScan scan, int position) {
    }

    /** The scan and its output column that output column {@code column} of {@code node} passes through unchanged. */
    private static Optional<ScanColumn> scanOf(PhysicalNode node, int column) {
        if (node instanceof PhysicalScan scan) {
            return Optional.of(new ScanColumn(scan, column));
        } else if (node instanceof PhysicalFilter filter) {
            return scanOf(filter.input(), column);
        } else if (node instanceof PhysicalProject project && project.expressions().get(column) instanceof InputReference input) {
            return scanOf(project.input(), input.index());
        } else if (node instanceof PhysicalHashJoin join && join.joinType() == JoinType.INNER
                && column < join.left().schema().size()) {
            return scanOf(join.left(), column); // an inner join's output starts with its probe side's columns
        }
        return Optional.empty();
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
        return withInput(aggregate.input(), input -> new HashAggregateOperator(aggregate, input, context));
    }

    private Operator planWindow(PhysicalWindow window) {
        return withInput(window.input(), input -> new WindowOperator(window, input, context));
    }

    private Operator planUnion(PhysicalUnion union) {
        return new UnionOperator(planAll(union.inputs()), context);
    }

    private Operator planSetOperation(PhysicalSetOperation setOperation) {
        return new SetOperationOperator(setOperation, planAll(setOperation.inputs()), context);
    }
}
