package io.tarn.planner.rules;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Orders the inputs of an inner multi-join by dynamic programming over its connected subsets, minimizing the sum of
 * the estimated sizes of all intermediate results plus the hash tables built, with the smaller side of each join as
 * its build (right) input. Calcite's {@code LoptOptimizeJoinRule} grows one greedy left-deep tree and started TPC-H
 * q9 with lineitem ⋈ orders (6M rows, both sides repartitioned) before the selective part filter; a search over all
 * bushy trees of connected subsets costs at most 3^n steps, which for the {@value #MAX_INPUTS} inputs allowed here is
 * a few milliseconds.
 *
 * <p>Only equi-conditions connect inputs, so every join has hash keys and no cross product is ever chosen. Multi-joins
 * with outer joins, a post-join filter, more inputs or a disconnected graph are left to {@code LoptOptimizeJoinRule}.
 *
 * <p>Estimates: an input's size is its metadata row count; a subset's size is the product of its inputs' sizes times,
 * for each pair of inputs connected by equalities, {@code 1 / max(ndv(a), ndv(b))} of its most selective equality (a
 * composite key's columns are assumed correlated, as in {@code TarnRelMdRowCount}), times Calcite's guessed
 * selectivity of every other condition within the subset.
 */
final class DynamicJoinOrdering {
    static final int MAX_INPUTS = 12;
    private static final double UNKNOWN_EQUALITY_SELECTIVITY = 0.15;

    private final MultiJoin multiJoin;
    private final RexBuilder rexBuilder;
    private final RelMetadataQuery mq;
    private final int inputCount;
    private final int[] fieldOffsets;
    private final RelNode[] inputs;
    /** For each condition: the mask of inputs it references. */
    private final List<RexNode> conditions = new ArrayList<>();
    private final List<Integer> conditionInputs = new ArrayList<>();
    /** For each condition: Calcite's guessed selectivity, or 1 for an equality, which {@link #pairSelectivity} covers. */
    private final List<Double> otherConditionSelectivity = new ArrayList<>();
    private final double[][] pairSelectivity;
    private final int[] neighbors;
    private final List<RexNode> constantConditions = new ArrayList<>();

    private DynamicJoinOrdering(MultiJoin multiJoin) {
        this.multiJoin = multiJoin;
        this.rexBuilder = multiJoin.getCluster().getRexBuilder();
        this.mq = multiJoin.getCluster().getMetadataQuery();
        this.inputCount = multiJoin.getInputs().size();
        this.fieldOffsets = new int[inputCount + 1];
        this.inputs = multiJoin.getInputs().toArray(RelNode[]::new);
        for (int i = 0; i < inputCount; i++) {
            fieldOffsets[i + 1] = fieldOffsets[i] + inputs[i].getRowType().getFieldCount();
        }
        this.pairSelectivity = new double[inputCount][inputCount];
        for (double[] row : pairSelectivity) {
            Arrays.fill(row, 1.0);
        }
        this.neighbors = new int[inputCount];
    }

    /** Replaces every eligible multi-join in {@code rel} (inputs first) by a join tree in the order found. */
    static RelNode apply(RelNode rel) {
        List<RelNode> newInputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode rewritten = apply(input);
            newInputs.add(rewritten);
            changed |= rewritten != input;
        }
        RelNode node = changed ? rel.copy(rel.getTraitSet(), newInputs) : rel;
        if (node instanceof MultiJoin multiJoin && eligible(multiJoin)) {
            RelNode ordered = new DynamicJoinOrdering(multiJoin).order();
            return ordered == null ? node : ordered;
        }
        return node;
    }

    private static boolean eligible(MultiJoin multiJoin) {
        int inputs = multiJoin.getInputs().size();
        return inputs >= 2 && inputs <= MAX_INPUTS && !multiJoin.isFullOuterJoin()
                && multiJoin.getPostJoinFilter() == null
                && multiJoin.getJoinTypes().stream().allMatch(type -> type == JoinRelType.INNER);
    }

    /** The ordered join tree, or null when the inputs are not all connected by equalities. */
    private RelNode order() {
        classifyConditions();
        int all = (1 << inputCount) - 1;
        double[] rows = new double[1 << inputCount];
        double[] cost = new double[1 << inputCount];
        int[] bestLeft = new int[1 << inputCount];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        for (int i = 0; i < inputCount; i++) {
            Double count = mq.getRowCount(inputs[i]);
            rows[1 << i] = Math.max(1, count == null ? 1 : count);
            cost[1 << i] = 0;
        }
        for (int set = 1; set <= all; set++) {
            if (Integer.bitCount(set) < 2) {
                continue;
            }
            rows[set] = estimateRows(set, rows);
            // each unordered split once: the part holding the lowest input is enumerated, its complement follows
            int lowest = set & -set;
            for (int part = (set - 1) & set; part > 0; part = (part - 1) & set) {
                if ((part & lowest) == 0) {
                    continue;
                }
                int rest = set & ~part;
                if (cost[part] == Double.POSITIVE_INFINITY || cost[rest] == Double.POSITIVE_INFINITY
                        || !connected(part, rest)) {
                    continue;
                }
                double candidate = cost[part] + cost[rest] + rows[set] + Math.min(rows[part], rows[rest]);
                if (candidate < cost[set]) {
                    cost[set] = candidate;
                    // the larger side probes (left), the smaller one is built (right)
                    bestLeft[set] = rows[part] >= rows[rest] ? part : rest;
                }
            }
        }
        if (cost[all] == Double.POSITIVE_INFINITY) {
            return null;
        }
        Subtree tree = build(all, bestLeft);
        List<RexNode> projections = new ArrayList<>(fieldOffsets[inputCount]);
        for (int field = 0; field < fieldOffsets[inputCount]; field++) {
            projections.add(rexBuilder.makeInputRef(tree.node(), tree.position(field)));
        }
        RelNode top = tree.node();
        if (!constantConditions.isEmpty()) {
            top = LogicalFilter.create(top, RexUtil.composeConjunction(rexBuilder, constantConditions));
        }
        return LogicalProject.create(top, List.of(), projections, multiJoin.getRowType().getFieldNames(), Set.of());
    }

    private void classifyConditions() {
        for (RexNode condition : RelOptUtil.conjunctions(multiJoin.getJoinFilter())) {
            if (condition.isAlwaysTrue()) {
                continue;
            }
            int mask = inputMask(RelOptUtil.InputFinder.bits(condition));
            if (mask == 0) {
                constantConditions.add(condition);
                continue;
            }
            if (Integer.bitCount(mask) == 1) {
                // a filter on one input: applied to that input before it joins, so its estimate sees it
                filterInput(Integer.numberOfTrailingZeros(mask), condition);
                continue;
            }
            deriveInputFilters(condition, mask);
            conditions.add(condition);
            conditionInputs.add(mask);
            int[] keys = equalityKeys(condition);
            otherConditionSelectivity.add(keys == null ? RelMdUtil.guessSelectivity(condition) : 1.0);
            if (keys != null && Integer.bitCount(mask) == 2) {
                int a = inputOf(keys[0]);
                int b = inputOf(keys[1]);
                double selectivity = equalitySelectivity(a, keys[0] - fieldOffsets[a], b, keys[1] - fieldOffsets[b]);
                pairSelectivity[a][b] = Math.min(pairSelectivity[a][b], selectivity);
                pairSelectivity[b][a] = pairSelectivity[a][b];
                neighbors[a] |= 1 << b;
                neighbors[b] |= 1 << a;
            }
        }
    }

    /**
     * For a disjunction over several inputs, such as TPC-H q7's {@code (n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 =
     * 'GERMANY' AND n2 = 'FRANCE')}, the filter it implies on each input whose columns every disjunct constrains on
     * their own ({@code n1 IN ('FRANCE', 'GERMANY')}), so that input shrinks before it joins. The disjunction itself
     * stays a join condition.
     */
    private void deriveInputFilters(RexNode condition, int mask) {
        if (condition.getKind() != SqlKind.OR) {
            return;
        }
        List<RexNode> disjuncts = RelOptUtil.disjunctions(condition);
        for (int input = 0; input < inputCount; input++) {
            if ((mask & (1 << input)) == 0) {
                continue;
            }
            List<RexNode> implied = new ArrayList<>();
            for (RexNode disjunct : disjuncts) {
                List<RexNode> own = new ArrayList<>();
                for (RexNode conjunct : RelOptUtil.conjunctions(disjunct)) {
                    if (inputMask(RelOptUtil.InputFinder.bits(conjunct)) == 1 << input) {
                        own.add(conjunct);
                    }
                }
                if (own.isEmpty()) {
                    implied = null;
                    break;
                }
                implied.add(RexUtil.composeConjunction(rexBuilder, own));
            }
            if (implied != null) {
                filterInput(input, RexUtil.composeDisjunction(rexBuilder, implied));
            }
        }
    }

    private void filterInput(int input, RexNode condition) {
        inputs[input] = LogicalFilter.create(inputs[input], RexUtil.shift(condition, -fieldOffsets[input]));
    }

    private double estimateRows(int set, double[] rows) {
        double estimate = 1;
        for (int i = 0; i < inputCount; i++) {
            if ((set & (1 << i)) != 0) {
                estimate *= rows[1 << i];
                for (int j = i + 1; j < inputCount; j++) {
                    if ((set & (1 << j)) != 0) {
                        estimate *= pairSelectivity[i][j];
                    }
                }
            }
        }
        for (int c = 0; c < conditions.size(); c++) {
            int mask = conditionInputs.get(c);
            if ((mask & set) == mask) {
                estimate *= otherConditionSelectivity.get(c);
            }
        }
        return Math.max(1, estimate);
    }

    private boolean connected(int part, int rest) {
        for (int i = 0; i < inputCount; i++) {
            if ((part & (1 << i)) != 0 && (neighbors[i] & rest) != 0) {
                return true;
            }
        }
        return false;
    }

    private double equalitySelectivity(int a, int aField, int b, int bField) {
        Double aDistinct = mq.getDistinctRowCount(inputs[a], ImmutableBitSet.of(aField), null);
        Double bDistinct = mq.getDistinctRowCount(inputs[b], ImmutableBitSet.of(bField), null);
        if (aDistinct == null || bDistinct == null) {
            return UNKNOWN_EQUALITY_SELECTIVITY;
        }
        return 1 / Math.max(1, Math.max(aDistinct, bDistinct));
    }

    /** The two field indexes of {@code a = b} over plain (possibly cast) columns of different inputs, else null. */
    private int[] equalityKeys(RexNode condition) {
        if (condition.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) condition).getOperands();
        RexNode left = RexUtil.removeCast(operands.get(0));
        RexNode right = RexUtil.removeCast(operands.get(1));
        if (left instanceof RexInputRef a && right instanceof RexInputRef b && inputOf(a.getIndex()) != inputOf(b.getIndex())) {
            return new int[] {a.getIndex(), b.getIndex()};
        }
        return null;
    }

    private int inputOf(int field) {
        for (int i = 0; i < inputCount; i++) {
            if (field < fieldOffsets[i + 1]) {
                return i;
            }
        }
        throw new IllegalArgumentException("field " + field + " beyond the multi-join's inputs");
    }

    private int inputMask(ImmutableBitSet fields) {
        int mask = 0;
        for (int field : fields) {
            mask |= 1 << inputOf(field);
        }
        return mask;
    }

    /** A join subtree and where each of the multi-join's fields it holds sits in its row. */
    private record Subtree(RelNode node, int[] positions) {
        int position(int field) {
            return positions[field];
        }
    }

    private Subtree build(int set, int[] bestLeft) {
        if (Integer.bitCount(set) == 1) {
            int input = Integer.numberOfTrailingZeros(set);
            int[] positions = new int[fieldOffsets[inputCount]];
            Arrays.fill(positions, -1);
            for (int field = fieldOffsets[input]; field < fieldOffsets[input + 1]; field++) {
                positions[field] = field - fieldOffsets[input];
            }
            return new Subtree(inputs[input], positions);
        }
        Subtree left = build(bestLeft[set], bestLeft);
        Subtree right = build(set & ~bestLeft[set], bestLeft);
        int leftWidth = left.node().getRowType().getFieldCount();
        int[] positions = left.positions().clone();
        for (int field = 0; field < positions.length; field++) {
            if (right.position(field) >= 0) {
                positions[field] = leftWidth + right.position(field);
            }
        }
        List<RexNode> joinConditions = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            int mask = conditionInputs.get(c);
            if ((mask & set) == mask && (mask & bestLeft[set]) != mask && (mask & ~bestLeft[set] & set) != mask) {
                joinConditions.add(remap(conditions.get(c), positions));
            }
        }
        RelNode join = LogicalJoin.create(left.node(), right.node(), List.of(),
                RexUtil.composeConjunction(rexBuilder, joinConditions), Set.of(), JoinRelType.INNER);
        return new Subtree(join, positions);
    }

    private RexNode remap(RexNode condition, int[] positions) {
        return condition.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(positions[ref.getIndex()], ref.getType());
            }
        });
    }
}
