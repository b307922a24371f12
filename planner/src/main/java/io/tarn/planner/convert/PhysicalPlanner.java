package io.tarn.planner.convert;

import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.JoinType;
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
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.plan.WindowFrame;
import io.tarn.executor.plan.WindowFunction;
import io.tarn.executor.plan.WindowGroup;
import io.tarn.planner.catalog.TarnCalciteTable;
import io.tarn.planner.fragment.RowEstimates;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Lowers an optimized logical Calcite plan into Tarn's physical plan, one method per logical operator (as DuckDB's
 * plan_*.cpp). Decides the hash join build side from row-count estimates and pushes projections and simple
 * comparisons into scans.
 */
public final class PhysicalPlanner {
    private final RexTranslator rex;
    private final RexBuilder rexBuilder;
    private final RelBuilder relBuilder;
    private final int batchSize;

    private final RowEstimates estimates;

    public PhysicalPlanner(RexTranslator rex, RexBuilder rexBuilder, RelBuilder relBuilder, int batchSize,
                           RowEstimates estimates) {
        this.rex = rex;
        this.rexBuilder = rexBuilder;
        this.relBuilder = relBuilder;
        this.batchSize = batchSize;
        this.estimates = requireNonNull(estimates, "estimates is null");
    }

    /** Lowers {@code rel}, recording the optimizer's row estimate of every node it creates in the estimates. */
    public PhysicalNode plan(RelNode rel) {
        PhysicalNode node = planNode(rel);
        Double rows = rel.getCluster().getMetadataQuery().getRowCount(rel);
        if (rows != null) {
            estimates.put(node, rows);
        }
        return node;
    }

    private PhysicalNode planNode(RelNode rel) {
        ScanShape shape = ScanShape.of(rel);
        if (shape != null) {
            return planScan(shape, schemaOf(rel));
        }
        if (rel instanceof Filter filter) {
            return new PhysicalFilter(plan(filter.getInput()), rex.translate(filter.getCondition()));
        }
        if (rel instanceof Project project) {
            ScanShape scan = ScanShape.of(project.getInput());
            if (scan != null) {
                // a project of expressions right over a scan (Calcite merges the trimmer's column project into it)
                // reads only the columns its expressions use
                int[] used = RelOptUtil.InputFinder.bits(project.getProjects(), null).toArray();
                int[] positions = new int[scan.columns.length];
                int[] columns = new int[used.length];
                List<Column> names = new ArrayList<>();
                RowSchema inputNames = schemaOf(project.getInput());
                for (int i = 0; i < used.length; i++) {
                    positions[used[i]] = i;
                    columns[i] = scan.columns[used[i]];
                    names.add(inputNames.column(used[i]));
                }
                PhysicalNode input = planScan(new ScanShape(scan.scan, columns, scan.conditions), new RowSchema(names));
                List<RexNode> projects = project.getProjects().stream().map(e -> remap(e, positions)).toList();
                return new PhysicalProject(input, rex.translateAll(projects), schemaOf(project));
            }
            return new PhysicalProject(plan(project.getInput()), rex.translateAll(project.getProjects()), schemaOf(project));
        }
        if (rel instanceof Join join) {
            return planJoin(join);
        }
        if (rel instanceof Aggregate aggregate) {
            return planAggregate(aggregate);
        }
        if (rel instanceof Sort sort) {
            return planSort(sort);
        }
        if (rel instanceof Union union) {
            if (!union.all) {
                throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "UNION DISTINCT must be rewritten before lowering");
            }
            return new PhysicalUnion(planAll(union.getInputs()), schemaOf(union));
        }
        if (rel instanceof Intersect intersect) {
            return new PhysicalSetOperation(PhysicalSetOperation.Kind.INTERSECT, intersect.all, planAll(intersect.getInputs()), schemaOf(intersect));
        }
        if (rel instanceof Minus minus) {
            return new PhysicalSetOperation(PhysicalSetOperation.Kind.EXCEPT, minus.all, planAll(minus.getInputs()), schemaOf(minus));
        }
        if (rel instanceof Values values) {
            return planValues(values);
        }
        if (rel instanceof Window window) {
            return planWindow(window);
        }
        throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED,
                "not supported yet: " + rel.getRelTypeName() + (rel.getRelTypeName().contains("Correlate")
                        ? " (a correlated subquery that could not be decorrelated)" : ""));
    }

    private List<PhysicalNode> planAll(List<RelNode> inputs) {
        List<PhysicalNode> result = new ArrayList<>();
        for (RelNode input : inputs) {
            result.add(plan(input));
        }
        return result;
    }

    static RowSchema schemaOf(RelNode rel) {
        return TypeConverter.toRowSchema(rel.getRowType());
    }

    // ---- scans -------------------------------------------------------------------------------------------------

    /**
     * Filters and column-only projects directly over a table scan, seen as one scan: which table columns it outputs,
     * in order, and the conditions (over table columns) its rows must meet.
     */
    private record ScanShape(TableScan scan, int[] columns, List<RexNode> conditions) {
        static ScanShape of(RelNode rel) {
            if (rel instanceof TableScan scan) {
                int count = scan.getRowType().getFieldCount();
                return new ScanShape(scan, java.util.stream.IntStream.range(0, count).toArray(), List.of());
            }
            if (rel instanceof Filter filter) {
                ScanShape input = of(filter.getInput());
                if (input == null) {
                    return null;
                }
                List<RexNode> conditions = new ArrayList<>(input.conditions);
                conditions.add(remap(filter.getCondition(), input.columns));
                return new ScanShape(input.scan, input.columns, conditions);
            }
            if (rel instanceof Project project && project.getProjects().stream().allMatch(e -> e instanceof RexInputRef)) {
                ScanShape input = of(project.getInput());
                if (input == null) {
                    return null;
                }
                int[] columns = project.getProjects().stream().mapToInt(e -> input.columns[((RexInputRef) e).getIndex()]).toArray();
                return new ScanShape(input.scan, columns, input.conditions);
            }
            return null;
        }
    }

    /**
     * The plan of {@code input} for an aggregate that uses only its fields {@code used}: when none and the input is a
     * scan, a scan of no columns, whose rows alone count ({@code count(*)} read all 16 columns of lineitem).
     */
    private PhysicalNode planInput(RelNode input, ImmutableBitSet used) {
        ScanShape shape = used.isEmpty() ? ScanShape.of(input) : null;
        if (shape == null) {
            return plan(input);
        }
        return planScan(new ScanShape(shape.scan, new int[0], shape.conditions), new RowSchema(List.of()));
    }

    private static RexNode remap(RexNode node, int[] mapping) {
        return node.accept(new org.apache.calcite.rex.RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(mapping[ref.getIndex()], ref.getType());
            }
        });
    }

    /**
     * Scans the shape's columns, applying its conditions. The scan reads the output columns plus those only the
     * conditions need, but returns just the former (in the request's order); a project above gives the columns their
     * output order and names where those differ.
     */
    private PhysicalNode planScan(ScanShape shape, RowSchema outputNames) {
        TarnCalciteTable calciteTable = shape.scan.getTable().unwrap(TarnCalciteTable.class);
        if (calciteTable == null) {
            throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "cannot scan " + shape.scan.getTable().getQualifiedName());
        }
        Table table = calciteTable.table();
        List<Integer> read = new ArrayList<>();
        for (int column : shape.columns) {
            if (!read.contains(column)) {
                read.add(column);
            }
        }
        int outputColumns = read.size();
        RexNode condition = shape.conditions.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, shape.conditions);
        if (condition != null) {
            for (int column : RelOptUtil.InputFinder.bits(condition)) {
                if (!read.contains(column)) {
                    read.add(column);
                }
            }
        }
        int[] projection = read.stream().mapToInt(Integer::intValue).toArray();
        int[] tableToRead = new int[table.schema().size()];
        for (int i = 0; i < projection.length; i++) {
            tableToRead[projection[i]] = i;
        }
        Optional<Expression> filter = condition == null ? Optional.empty() : Optional.of(rex.translate(remap(condition, tableToRead)));
        List<ColumnConstraint> constraints = filter.map(f -> ScanConstraints.extract(f, projection)).orElse(List.of());
        ScanRequest request = new ScanRequest(projection, outputColumns, constraints, batchSize);
        ScanPlan scanPlan = table.planScan(request);
        RowSchema readSchema = table.schema().project(Arrays.copyOf(projection, outputColumns));
        // the scan returns the columns in the shape's order already: no project is needed to drop or reorder them
        boolean identity = Arrays.equals(Arrays.copyOf(projection, outputColumns), shape.columns);
        List<Column> named = new ArrayList<>();
        for (int i = 0; i < shape.columns.length; i++) {
            named.add(new Column(outputNames.column(i).name(), readSchema.column(read.indexOf(shape.columns[i])).type()));
        }
        if (identity) {
            return new PhysicalScan(table, request, scanPlan, filter, new RowSchema(named));
        }
        PhysicalScan physical = new PhysicalScan(table, request, scanPlan, filter, readSchema);
        List<Expression> keep = new ArrayList<>();
        for (int column : shape.columns) {
            int position = read.indexOf(column);
            keep.add(new InputReference(position, readSchema.column(position).type()));
        }
        return new PhysicalProject(physical, keep, new RowSchema(named));
    }

    // ---- joins -------------------------------------------------------------------------------------------------

    private PhysicalNode planJoin(Join join) {
        JoinRelType type = join.getJoinType();
        RelMetadataQuery mq = join.getCluster().getMetadataQuery();
        boolean swappable = type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.RIGHT || type == JoinRelType.FULL;
        Double leftRows = mq.getRowCount(join.getLeft());
        Double rightRows = mq.getRowCount(join.getRight());
        if (swappable && leftRows != null && rightRows != null && rightRows > leftRows * 1.2) {
            // the executor builds its hash table on the right input: make it the smaller one
            RelNode swapped = JoinCommuteRule.swap(join, true, relBuilder);
            if (swapped != null) {
                return planSwapped(swapped);
            }
        }
        boolean semiOrAnti = type == JoinRelType.SEMI || type == JoinRelType.ANTI;
        if (semiOrAnti && leftRows != null && rightRows != null && leftRows * 1.2 < rightRows
                && !join.analyzeCondition().leftKeys.isEmpty()) {
            return planKeptSideAsBuild(join);
        }
        return planJoinAsIs(join);
    }

    /**
     * A SEMI or ANTI join whose kept (left) side is the smaller one, as RIGHT_SEMI or RIGHT_ANTI with the sides
     * swapped: the hash table holds the kept rows and the larger side streams past it (TPC-H q4 kept 58,000 orders
     * but built on 3.8 million lineitems; q22 kept 6,000 customers and built on all orders).
     */
    private PhysicalNode planKeptSideAsBuild(Join join) {
        PhysicalNode kept = plan(join.getLeft());
        PhysicalNode other = plan(join.getRight());
        List<Integer> keptKeys = new ArrayList<>();
        List<Integer> otherKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        RexNode residual = RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                keptKeys, otherKeys, filterNulls);
        int keptWidth = join.getLeft().getRowType().getFieldCount();
        int otherWidth = join.getRight().getRowType().getFieldCount();
        // the residual sees the swapped row: the other side's fields first, then the kept side's
        int[] swappedPositions = new int[keptWidth + otherWidth];
        for (int field = 0; field < swappedPositions.length; field++) {
            swappedPositions[field] = field < keptWidth ? field + otherWidth : field - keptWidth;
        }
        Optional<Expression> residualExpression = residual.isAlwaysTrue()
                ? Optional.empty() : Optional.of(rex.translate(remap(residual, swappedPositions)));
        boolean[] nullsEqual = new boolean[filterNulls.size()];
        for (int i = 0; i < nullsEqual.length; i++) {
            nullsEqual[i] = !filterNulls.get(i);
        }
        JoinType type = join.getJoinType() == JoinRelType.SEMI ? JoinType.RIGHT_SEMI : JoinType.RIGHT_ANTI;
        return new PhysicalHashJoin(other, kept, type, otherKeys.stream().mapToInt(Integer::intValue).toArray(),
                keptKeys.stream().mapToInt(Integer::intValue).toArray(), nullsEqual, residualExpression, schemaOf(join));
    }

    private PhysicalNode planSwapped(RelNode swapped) {
        if (swapped instanceof Project project && project.getInput() instanceof Join inner) {
            PhysicalNode joined = planJoinAsIs(inner);
            return new PhysicalProject(joined, rex.translateAll(project.getProjects()), schemaOf(project));
        }
        if (swapped instanceof Join inner) {
            return planJoinAsIs(inner);
        }
        return plan(swapped);
    }

    private PhysicalNode planJoinAsIs(Join join) {
        PhysicalNode left = plan(join.getLeft());
        PhysicalNode right = plan(join.getRight());
        JoinType joinType = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "join type " + join.getJoinType());
        };
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        RexNode residual = RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                leftKeys, rightKeys, filterNulls);
        RowSchema schema = schemaOf(join);
        Optional<Expression> residualExpression = residual.isAlwaysTrue() ? Optional.empty() : Optional.of(rex.translate(residual));
        if (leftKeys.isEmpty()) {
            Optional<Expression> condition = join.getCondition().isAlwaysTrue() ? Optional.empty() : Optional.of(rex.translate(join.getCondition()));
            return new PhysicalNestedLoopJoin(left, right, joinType, condition, schema);
        }
        boolean[] nullsEqual = new boolean[filterNulls.size()];
        for (int i = 0; i < nullsEqual.length; i++) {
            nullsEqual[i] = !filterNulls.get(i);
        }
        return new PhysicalHashJoin(left, right, joinType, leftKeys.stream().mapToInt(Integer::intValue).toArray(),
                rightKeys.stream().mapToInt(Integer::intValue).toArray(), nullsEqual, residualExpression, schema);
    }

    // ---- aggregation -------------------------------------------------------------------------------------------

    private PhysicalNode planAggregate(Aggregate aggregate) {
        ImmutableBitSet used = aggregate.getGroupSet();
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            used = used.union(ImmutableBitSet.of(call.getArgList()))
                    .union(ImmutableBitSet.of(call.collation.getKeys()));
            if (call.distinctKeys != null) {
                used = used.union(call.distinctKeys);
            }
            if (call.filterArg >= 0) {
                used = used.set(call.filterArg);
            }
        }
        PhysicalNode input = planInput(aggregate.getInput(), used);
        int[] groupKeys = aggregate.getGroupSet().toArray();
        List<int[]> groupingSets = new ArrayList<>();
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            for (ImmutableBitSet set : aggregate.getGroupSets()) {
                groupingSets.add(set.toArray());
            }
        }
        RowSchema schema = schemaOf(aggregate);
        List<AggregateCall> calls = new ArrayList<>();
        List<Column> computed = new ArrayList<>(schema.columns().subList(0, groupKeys.length));
        // what each output column is, in terms of the aggregation's output: most are plain references
        List<Expression> outputs = new ArrayList<>();
        for (int i = 0; i < groupKeys.length; i++) {
            outputs.add(new InputReference(i, schema.column(i).type()));
        }
        List<Integer> sumZeroColumns = new ArrayList<>();
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            DataType type = TypeConverter.toTarn(call.getType());
            if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                // Calcite's subquery rewrites use it as "a constant per group"
                outputs.add(rex.translate(call.rexList.get(0)));
                continue;
            }
            int position = computed.size();
            if (call.getAggregation().getKind() == SqlKind.SUM0) {
                sumZeroColumns.add(position);
            }
            calls.add(new AggregateCall(aggregateFunction(call.getAggregation().getKind(), call.getAggregation().getName()),
                    call.getArgList().stream().mapToInt(Integer::intValue).toArray(), call.isDistinct(), call.filterArg, type, call.getName()));
            computed.add(new Column(call.getName() == null ? "$f" + position : call.getName(), type));
            outputs.add(new InputReference(position, type));
        }
        PhysicalNode result = sumZeroToZero(new PhysicalHashAggregate(input, groupKeys, groupingSets, calls,
                AggregateStep.SINGLE, new RowSchema(computed)), sumZeroColumns);
        boolean plain = outputs.size() == computed.size();
        return plain ? renamedTo(result, schema) : new PhysicalProject(result, outputs, schema);
    }

    private static PhysicalNode renamedTo(PhysicalNode node, RowSchema schema) {
        if (node instanceof PhysicalHashAggregate aggregate) {
            return new PhysicalHashAggregate(aggregate.input(), aggregate.groupKeys(), aggregate.groupingSets(),
                    aggregate.aggregates(), aggregate.step(), schema);
        }
        if (node instanceof PhysicalProject project) {
            return new PhysicalProject(project.input(), project.expressions(), schema);
        }
        return node;
    }

    /** $SUM0 (Calcite's sum that is 0 instead of NULL over no rows) is SUM followed by COALESCE(sum, 0). */
    private static PhysicalNode sumZeroToZero(PhysicalNode node, List<Integer> sumZeroColumns) {
        if (sumZeroColumns.isEmpty()) {
            return node;
        }
        RowSchema schema = node.schema();
        List<Expression> expressions = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            DataType type = schema.column(i).type();
            InputReference reference = new InputReference(i, type);
            if (sumZeroColumns.contains(i)) {
                Object zero = switch (type.kind()) {
                    case DECIMAL -> java.math.BigDecimal.ZERO.setScale(type.scale());
                    case REAL, DOUBLE -> 0.0d;
                    default -> 0L;
                };
                expressions.add(new Call(Function.COALESCE, List.of(reference, new Literal(zero, type)), type));
            } else {
                expressions.add(reference);
            }
        }
        return new PhysicalProject(node, expressions, schema);
    }

    private static AggregateFunction aggregateFunction(SqlKind kind, String name) {
        return switch (kind) {
            case COUNT -> AggregateFunction.COUNT;
            case SUM, SUM0 -> AggregateFunction.SUM;
            case AVG -> AggregateFunction.AVG;
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case ANY_VALUE -> AggregateFunction.ANY_VALUE;
            case SINGLE_VALUE -> AggregateFunction.SINGLE_VALUE;
            case STDDEV_POP -> AggregateFunction.STDDEV_POP;
            case STDDEV_SAMP -> AggregateFunction.STDDEV_SAMP;
            case VAR_POP -> AggregateFunction.VAR_POP;
            case VAR_SAMP -> AggregateFunction.VAR_SAMP;
            case GROUPING -> AggregateFunction.GROUPING;
            default -> switch (name.toUpperCase(Locale.ROOT)) {
                case "EVERY", "BOOL_AND" -> AggregateFunction.BOOL_AND;
                case "SOME", "BOOL_OR" -> AggregateFunction.BOOL_OR;
                default -> throw unsupportedAggregate(name);
            };
        };
    }

    private static PlanningException unsupportedAggregate(String name) {
        return new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "aggregate function " + name + " is not supported yet");
    }

    // ---- sort, limit, values, window ---------------------------------------------------------------------------

    private PhysicalNode planSort(Sort sort) {
        PhysicalNode input = plan(sort.getInput());
        long offset = sort.offset == null ? 0 : longValue(sort.offset);
        long limit = sort.fetch == null ? -1 : longValue(sort.fetch);
        List<SortKey> keys = sortKeys(sort.getCollation());
        if (keys.isEmpty()) {
            return offset == 0 && limit < 0 ? input : new PhysicalLimit(input, offset, limit);
        }
        if (limit < 0 && offset > 0) {
            return new PhysicalLimit(new PhysicalSort(input, keys, 0, -1), offset, -1);
        }
        return new PhysicalSort(input, keys, offset, limit);
    }

    private long longValue(RexNode node) {
        Expression value = rex.translate(node);
        if (value instanceof Literal literal && literal.value() instanceof Number number) {
            return number.longValue();
        }
        throw new PlanningException(PlanningException.INVALID_PARAMETER, "LIMIT and OFFSET need a constant, not " + node);
    }

    static List<SortKey> sortKeys(RelCollation collation) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation field : collation.getFieldCollations()) {
            boolean descending = field.direction.isDescending();
            boolean nullsFirst = switch (field.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                // DuckDB's default: NULLs sort last in both directions
                case UNSPECIFIED -> false;
            };
            keys.add(new SortKey(field.getFieldIndex(), descending, nullsFirst));
        }
        return keys;
    }

    private PhysicalNode planValues(Values values) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>(tuple.size());
            for (int i = 0; i < tuple.size(); i++) {
                row.add(literalAs(tuple.get(i), values.getRowType().getFieldList().get(i).getType()));
            }
            rows.add(row);
        }
        return new PhysicalValues(rows, schemaOf(values));
    }

    /** Values rows store literals whose own type may be narrower than the column's (e.g. CHAR(1) in a CHAR(3) column). */
    private Object literalAs(RexLiteral literal, org.apache.calcite.rel.type.RelDataType columnType) {
        Object value = RexTranslator.literalValue(literal);
        if (value instanceof java.math.BigDecimal decimal && columnType.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DECIMAL) {
            return decimal.setScale(columnType.getScale(), java.math.RoundingMode.HALF_UP);
        }
        if (value instanceof java.math.BigDecimal decimal && columnType.getSqlTypeName() != org.apache.calcite.sql.type.SqlTypeName.DECIMAL) {
            return switch (columnType.getSqlTypeName()) {
                case REAL, FLOAT, DOUBLE -> decimal.doubleValue();
                default -> decimal.longValueExact();
            };
        }
        if (value instanceof Long number && columnType.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DECIMAL) {
            return java.math.BigDecimal.valueOf(number).setScale(columnType.getScale());
        }
        if (value instanceof Long number && (columnType.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DOUBLE
                || columnType.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.REAL)) {
            return number.doubleValue();
        }
        return value;
    }

    private PhysicalNode planWindow(Window window) {
        PhysicalNode input = plan(window.getInput());
        int inputColumns = window.getInput().getRowType().getFieldCount();
        List<RexLiteral> constants = window.constants;
        if (!constants.isEmpty()) {
            // window arguments refer to constants as columns after the input's: materialize them as such
            List<Expression> expressions = new ArrayList<>();
            List<Column> columns = new ArrayList<>(input.schema().columns());
            for (int i = 0; i < inputColumns; i++) {
                expressions.add(new InputReference(i, input.schema().column(i).type()));
            }
            for (int i = 0; i < constants.size(); i++) {
                Expression constant = rex.translate(constants.get(i));
                expressions.add(constant);
                columns.add(new Column("$const" + i, constant.type()));
            }
            input = new PhysicalProject(input, expressions, new RowSchema(columns));
        }
        List<WindowGroup> groups = new ArrayList<>();
        List<Column> outputColumns = new ArrayList<>(input.schema().columns());
        List<Integer> sumZeroColumns = new ArrayList<>();
        List<org.apache.calcite.rel.type.RelDataTypeField> windowFields = window.getRowType().getFieldList();
        int outputIndex = inputColumns;
        for (Window.Group group : window.groups) {
            List<WindowFunction> functions = new ArrayList<>();
            for (Window.RexWinAggCall call : group.aggCalls) {
                int[] arguments = call.getOperands().stream().mapToInt(o -> ((RexInputRef) o).getIndex()).toArray();
                DataType type = TypeConverter.toTarn(call.getType());
                String name = windowFields.get(outputIndex).getName();
                if (call.getKind() == SqlKind.SUM0) {
                    sumZeroColumns.add(outputColumns.size());
                }
                functions.add(windowFunction(call, arguments, type, name));
                outputColumns.add(new Column(name, type));
                outputIndex++;
            }
            WindowFrame frame = new WindowFrame(group.isRows, bound(group.lowerBound, constants, inputColumns),
                    bound(group.upperBound, constants, inputColumns));
            groups.add(new WindowGroup(group.keys.toArray(), sortKeys(group.orderKeys), frame, functions));
        }
        PhysicalNode result = sumZeroToZero(new PhysicalWindow(input, groups, new RowSchema(outputColumns)), sumZeroColumns);
        if (constants.isEmpty()) {
            return result;
        }
        List<Expression> keep = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < outputColumns.size(); i++) {
            if (i >= inputColumns && i < inputColumns + constants.size()) {
                continue;
            }
            keep.add(new InputReference(i, outputColumns.get(i).type()));
            columns.add(outputColumns.get(i));
        }
        return new PhysicalProject(result, keep, new RowSchema(columns));
    }

    private static WindowFunction windowFunction(Window.RexWinAggCall call, int[] arguments, DataType type, String name) {
        WindowFunction.Kind kind = switch (call.getKind()) {
            case ROW_NUMBER -> WindowFunction.Kind.ROW_NUMBER;
            case RANK -> WindowFunction.Kind.RANK;
            case DENSE_RANK -> WindowFunction.Kind.DENSE_RANK;
            case PERCENT_RANK -> WindowFunction.Kind.PERCENT_RANK;
            case CUME_DIST -> WindowFunction.Kind.CUME_DIST;
            case NTILE -> WindowFunction.Kind.NTILE;
            case LAG -> WindowFunction.Kind.LAG;
            case LEAD -> WindowFunction.Kind.LEAD;
            case FIRST_VALUE -> WindowFunction.Kind.FIRST_VALUE;
            case LAST_VALUE -> WindowFunction.Kind.LAST_VALUE;
            case NTH_VALUE -> WindowFunction.Kind.NTH_VALUE;
            default -> WindowFunction.Kind.AGGREGATE;
        };
        AggregateFunction aggregate = kind == WindowFunction.Kind.AGGREGATE
                ? aggregateFunction(call.getKind(), call.getOperator().getName()) : null;
        return new WindowFunction(kind, aggregate, arguments, call.distinct, type, name);
    }

    private WindowFrame.Bound bound(RexWindowBound bound, List<RexLiteral> constants, int inputColumns) {
        if (bound.isUnboundedPreceding()) {
            return new WindowFrame.Bound(WindowFrame.BoundKind.UNBOUNDED_PRECEDING, null);
        }
        if (bound.isUnboundedFollowing()) {
            return new WindowFrame.Bound(WindowFrame.BoundKind.UNBOUNDED_FOLLOWING, null);
        }
        if (bound.isCurrentRow()) {
            return new WindowFrame.Bound(WindowFrame.BoundKind.CURRENT_ROW, null);
        }
        RexNode offset = bound.getOffset();
        Object value;
        if (offset instanceof RexInputRef ref && ref.getIndex() >= inputColumns) {
            value = RexTranslator.literalValue(constants.get(ref.getIndex() - inputColumns));
        } else if (offset instanceof RexLiteral literal) {
            value = RexTranslator.literalValue(literal);
        } else {
            throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "window frame offset must be a constant");
        }
        return new WindowFrame.Bound(bound.isPreceding() ? WindowFrame.BoundKind.PRECEDING : WindowFrame.BoundKind.FOLLOWING, value);
    }
}
