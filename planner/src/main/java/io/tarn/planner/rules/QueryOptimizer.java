package io.tarn.planner.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Tarn's bounded optimizer: named heuristic phases, then cost-based join ordering over multi-joins
 * ({@link DynamicJoinOrdering}, else {@code LoptOptimizeJoinRule}), never Calcite's exhaustive Volcano search (seconds on TPC-H q7).
 * Each phase can be switched off by name for debugging (session setting {@code disabled_optimizers}).
 */
public final class QueryOptimizer {

    /** One named step: a rewrite of the whole plan. */
    public record Phase(String name, BiFunction<RelNode, RelBuilder, RelNode> rewrite) {
    }

    public static final List<Phase> PHASES = List.of(
            new Phase("exists_to_semi_join", (rel, builder) -> CorrelatedExistsToJoin.apply(rel)),
            new Phase("subquery_removal", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                    CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                    CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)),
            new Phase("decorrelation", (rel, builder) -> RelDecorrelator.decorrelateQuery(rel, builder)),
            new Phase("window_extraction", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)),
            new Phase("set_operation_rewrite", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    CoreRules.UNION_MERGE,
                    CoreRules.UNION_TO_DISTINCT)),
            new Phase("common_factor_extraction", (rel, builder) -> CommonFactorExtraction.apply(rel)),
            new Phase("predicate_pushdown", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    CoreRules.FILTER_MERGE,
                    CoreRules.FILTER_PROJECT_TRANSPOSE,
                    CoreRules.FILTER_INTO_JOIN,
                    CoreRules.JOIN_CONDITION_PUSH,
                    CoreRules.FILTER_AGGREGATE_TRANSPOSE,
                    CoreRules.FILTER_SET_OP_TRANSPOSE,
                    CoreRules.FILTER_REDUCE_EXPRESSIONS,
                    CoreRules.JOIN_REDUCE_EXPRESSIONS,
                    CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE,
                    CoreRules.AGGREGATE_PROJECT_MERGE)),
            new Phase("semi_join", (rel, builder) -> hep(rel, HepMatchOrder.BOTTOM_UP,
                    CoreRules.PROJECT_TO_SEMI_JOIN,
                    CoreRules.JOIN_TO_SEMI_JOIN)),
            new Phase("column_pruning", (rel, builder) -> new RelFieldTrimmer(null, builder).trim(rel)),
            new Phase("join_ordering", (rel, builder) -> {
                HepProgram toMultiJoins = new HepProgramBuilder()
                        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                        .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
                        .addRuleInstance(CoreRules.PROJECT_MULTI_JOIN_MERGE)
                        .addRuleInstance(CoreRules.FILTER_MULTI_JOIN_MERGE)
                        .build();
                RelNode ordered = DynamicJoinOrdering.apply(run(rel, toMultiJoins));
                // what the search leaves (outer joins, disconnected or very large multi-joins) is ordered greedily
                return hep(ordered, HepMatchOrder.TOP_DOWN, CoreRules.MULTI_JOIN_OPTIMIZE);
            }),
            new Phase("aggregate_pushdown", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    CoreRules.AGGREGATE_PROJECT_MERGE,
                    AggregatePushdown.INSTANCE)),
            new Phase("group_key_semi_join_reduction", (rel, builder) -> GroupKeySemiJoinReduction.apply(rel)),
            new Phase("cleanup", (rel, builder) -> hep(rel, HepMatchOrder.TOP_DOWN,
                    // join keys that are expressions (e.g. a widening CAST) become columns, so they can be hash keys
                    CoreRules.JOIN_PUSH_EXPRESSIONS,
                    CoreRules.FILTER_MERGE,
                    CoreRules.FILTER_PROJECT_TRANSPOSE,
                    CoreRules.FILTER_INTO_JOIN,
                    CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE)),
            new Phase("final_column_pruning", (rel, builder) -> new RelFieldTrimmer(null, builder).trim(rel)));

    private QueryOptimizer() {
    }

    public static RelNode optimize(RelNode rel, RelBuilder builder, Set<String> disabled) {
        RelNode result = rel;
        for (Phase phase : PHASES) {
            if (!disabled.contains(phase.name())) {
                result = phase.rewrite().apply(result, builder);
            }
        }
        return result;
    }

    private static RelNode hep(RelNode rel, HepMatchOrder order, RelOptRule... rules) {
        // a collection is applied until none of its rules matches any more
        HepProgram program = new HepProgramBuilder().addMatchOrder(order).addRuleCollection(List.of(rules)).build();
        return run(rel, program);
    }

    private static RelNode run(RelNode rel, HepProgram program) {
        HepPlanner planner = new HepPlanner(program);
        planner.setRoot(rel);
        return planner.findBestExp();
    }
}
