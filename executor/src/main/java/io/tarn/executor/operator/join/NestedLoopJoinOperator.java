package io.tarn.executor.operator.join;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalNestedLoopJoin;
import io.tarn.executor.vector.VectorCopier;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Join of {@link PhysicalNestedLoopJoin}: materializes the right input, then walks the cross product of each left
 * batch with it in chunks of batch-size pairs, evaluating the condition (if any) over each chunk at once.
 */
public final class NestedLoopJoinOperator implements Operator {
    private static final int[] NO_KEYS = new int[0];

    private final PhysicalNestedLoopJoin plan;
    private final Operator leftInput;
    private final Operator rightInput;
    private final Optional<JoinCondition> condition;
    private final ExecutionContext context;
    private final JoinHashTable right;
    private final JoinRowsWriter writer;
    private final JoinPairs chunk = new JoinPairs();
    private BitSet matchedRightRows;
    private boolean built;
    private boolean leftDone;
    private final JoinPairs leftOnly = new JoinPairs();
    private boolean leftOnlyCollected;
    private int leftOnlyEmitted;
    private final JoinPairs unmatchedRight = new JoinPairs();
    private boolean unmatchedRightCollected;
    private int unmatchedRightEmitted;
    private Batch left;
    private boolean[] leftMatched;
    /** Next pair of the current left batch's cross product: left row = pair / right rows, right row = pair % right rows. */
    private long nextPair;

    public NestedLoopJoinOperator(PhysicalNestedLoopJoin plan, Operator leftInput, Operator rightInput,
                                  Optional<JoinCondition> condition, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.leftInput = Objects.requireNonNull(leftInput, "leftInput is null");
        this.rightInput = Objects.requireNonNull(rightInput, "rightInput is null");
        this.condition = Objects.requireNonNull(condition, "condition is null");
        this.context = Objects.requireNonNull(context, "context is null");
        if (!plan.joinType().outputsLeft()) {
            throw new IllegalArgumentException("a nested loop join outputs left rows; " + plan.joinType() + " needs a hash join");
        }
        this.right = new JoinHashTable(NO_KEYS, new boolean[0], false, context.allocator());
        this.writer = new JoinRowsWriter(ArrowTypes.schema(plan.left().schema()).getFields(),
                ArrowTypes.schema(plan.right().schema()).getFields(), context.allocator());
    }

    @Override
    public Batch next() {
        if (!built) {
            buildRight();
        }
        while (true) {
            context.checkCancelled();
            if (left == null && !leftDone) {
                left = leftInput.next();
                leftDone = left == null;
                leftMatched = left == null ? null : new boolean[left.rowCount()];
                leftOnlyCollected = false;
                nextPair = 0;
            }
            if (left == null) {
                return unmatchedRightRows();
            }
            long pairCount = (long) left.rowCount() * right.rowCount();
            if (nextPair < pairCount) {
                Batch output = joinNextChunk(pairCount);
                if (output != null) {
                    return output;
                }
                continue;
            }
            if (!leftOnlyCollected) {
                collectLeftOnlyRows();
            }
            if (leftOnlyEmitted < leftOnly.size()) {
                return emitLeftOnlyRows();
            }
            left.close();
            left = null;
        }
    }

    private void buildRight() {
        built = true;
        Batch batch;
        while ((batch = rightInput.next()) != null) {
            right.add(batch);
        }
        right.finishBuild();
        if (plan.joinType() == JoinType.RIGHT || plan.joinType() == JoinType.FULL) {
            matchedRightRows = new BitSet(right.rowCount());
        }
    }

    /** Joins the next chunk of pairs; returns its matching rows when the join outputs them, else null. */
    private Batch joinNextChunk(long pairCount) {
        int rightRows = right.rowCount();
        int count = (int) Math.min(Math.max(1, context.batchSize()), pairCount - nextPair);
        chunk.clear();
        for (int i = 0; i < count; i++) {
            long pair = nextPair + i;
            chunk.add((int) (pair / rightRows), (int) (pair % rightRows));
        }
        nextPair += count;
        Batch pairs = writer.write(left, chunk, 0, count, right);
        int[] selected = new int[count];
        int passed;
        try {
            passed = condition.isPresent() ? condition.get().select(pairs, selected) : selectAll(selected);
        } catch (RuntimeException | Error e) {
            pairs.close();
            throw e;
        }
        for (int i = 0; i < passed; i++) {
            leftMatched[chunk.probeRow(selected[i])] = true;
            if (matchedRightRows != null) {
                matchedRightRows.set(chunk.buildRow(selected[i]));
            }
        }
        if (!plan.joinType().outputsRight() || passed == 0) {
            pairs.close();
            return null;
        }
        if (passed == count) {
            return pairs;
        }
        try (pairs) {
            return VectorCopier.copyRows(pairs, selected, passed, context.allocator());
        }
    }

    private static int selectAll(int[] selected) {
        for (int i = 0; i < selected.length; i++) {
            selected[i] = i;
        }
        return selected.length;
    }

    /** Lists the left-only rows of the finished left batch: unmatched for LEFT/FULL/ANTI, matched for SEMI. */
    private void collectLeftOnlyRows() {
        leftOnlyCollected = true;
        leftOnly.clear();
        leftOnlyEmitted = 0;
        JoinType type = plan.joinType();
        if (type == JoinType.INNER || type == JoinType.RIGHT) {
            return;
        }
        boolean wanted = type == JoinType.SEMI;
        for (int row = 0; row < leftMatched.length; row++) {
            if (leftMatched[row] == wanted) {
                leftOnly.add(row, -1);
            }
        }
    }

    private Batch emitLeftOnlyRows() {
        int count = Math.min(Math.max(1, context.batchSize()), leftOnly.size() - leftOnlyEmitted);
        int from = leftOnlyEmitted;
        leftOnlyEmitted += count;
        if (plan.joinType().outputsRight()) {
            return writer.write(left, leftOnly, from, count, right);
        }
        int[] rows = Arrays.copyOfRange(leftOnly.probeRows(), from, from + count);
        return VectorCopier.copyRows(left, rows, count, context.allocator());
    }

    /** The never-matched right rows of a RIGHT / FULL join, NULL-padded, one batch-size chunk per call. */
    private Batch unmatchedRightRows() {
        if (matchedRightRows == null) {
            return null;
        }
        if (!unmatchedRightCollected) {
            unmatchedRightCollected = true;
            unmatchedRight.clear();
            for (int row = matchedRightRows.nextClearBit(0); row < right.rowCount(); row = matchedRightRows.nextClearBit(row + 1)) {
                unmatchedRight.add(-1, row);
            }
        }
        int count = Math.min(Math.max(1, context.batchSize()), unmatchedRight.size() - unmatchedRightEmitted);
        if (count == 0) {
            return null;
        }
        Batch batch = writer.write(null, unmatchedRight, unmatchedRightEmitted, count, right);
        unmatchedRightEmitted += count;
        return batch;
    }

    @Override
    public void close() {
        if (left != null) {
            left.close();
            left = null;
        }
        right.close();
        try {
            leftInput.close();
        } finally {
            rightInput.close();
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
