package io.tarn.executor.operator.join;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.vector.RowEquality;
import io.tarn.executor.vector.RowHasher;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Equi-join of {@link PhysicalHashJoin}: hashes the whole right input, then streams the left input through it,
 * emitting each probe batch's joined rows in batches of at most the context's batch size; RIGHT and FULL joins emit
 * the never-matched build rows last. A build side past the operator's memory budget turns it into a grace hash join
 * ({@link GraceHashJoin}): the same steps then run once per partition pair.
 */
public final class HashJoinOperator implements Operator {
    private enum Phase { BUILD, PROBE, DONE }

    private final PhysicalHashJoin plan;
    private final Operator probeInput;
    private final Operator buildInput;
    private final Optional<JoinCondition> residual;
    /** Where the first key's build range goes for the probe side's scan, if it has one (see LocalExecutionPlanner). */
    private final Optional<JoinKeyFilter> keyFilter;
    private final ExecutionContext context;
    private JoinHashTable table;
    /** Joined rows with both sides' columns: the output, and the input of a residual condition. */
    private final JoinRowsWriter writer;
    /** Build rows alone, the output of RIGHT_SEMI and RIGHT_ANTI. */
    private final JoinRowsWriter buildRowsWriter;
    private final JoinPairs pairs = new JoinPairs();
    private BitSet matchedBuildRows;
    private Phase phase = Phase.BUILD;
    private Batch probe;
    /** The next pair of {@link #pairs} to emit; for SEMI/ANTI the pairs' probe rows are the output. */
    private int emitted;
    /** Set once the build side spilled: the partition pairs still to join. */
    private GraceHashJoin grace;
    /** In grace mode, the current partition's probe rows. */
    private Operator partitionProbe;

    public HashJoinOperator(PhysicalHashJoin plan, Operator probeInput, Operator buildInput,
                            Optional<JoinCondition> residual, ExecutionContext context) {
        this(plan, probeInput, buildInput, residual, Optional.empty(), context);
    }

    public HashJoinOperator(PhysicalHashJoin plan, Operator probeInput, Operator buildInput,
                            Optional<JoinCondition> residual, Optional<JoinKeyFilter> keyFilter, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.probeInput = Objects.requireNonNull(probeInput, "probeInput is null");
        this.buildInput = Objects.requireNonNull(buildInput, "buildInput is null");
        this.residual = Objects.requireNonNull(residual, "residual is null");
        this.keyFilter = Objects.requireNonNull(keyFilter, "keyFilter is null");
        if (keyFilter.isPresent() && !JoinKeyFilter.supports(plan)) {
            throw new IllegalArgumentException("a key filter needs integer keys compared with SQL equality: " + plan);
        }
        this.context = Objects.requireNonNull(context, "context is null");
        checkKeyTypes(plan);
        this.table = newTable();
        this.writer = new JoinRowsWriter(fields(plan.left().schema()), fields(plan.right().schema()), context.allocator());
        this.buildRowsWriter = new JoinRowsWriter(List.of(), fields(plan.right().schema()), context.allocator());
    }

    /**
     * Keys are hashed and compared as raw values, so both sides must have the same vector type (and, for decimals,
     * the same scale); the planner casts mismatched keys.
     */
    private static void checkKeyTypes(PhysicalHashJoin plan) {
        for (int k = 0; k < plan.leftKeys().length; k++) {
            DataType left = plan.left().schema().column(plan.leftKeys()[k]).type();
            DataType right = plan.right().schema().column(plan.rightKeys()[k]).type();
            boolean sameVectors = left.kind() == TypeKind.DECIMAL && right.kind() == TypeKind.DECIMAL
                    ? left.scale() == right.scale()
                    : ArrowTypes.arrowType(left).equals(ArrowTypes.arrowType(right));
            if (!sameVectors) {
                throw new IllegalArgumentException("hash join key " + k + " has different types on its sides: "
                        + left + " and " + right);
            }
        }
    }

    @Override
    public Batch next() {
        if (phase == Phase.BUILD) {
            build();
        }
        while (true) {
            context.checkCancelled();
            if (emitted < pairs.size()) {
                return emitPending();
            }
            if (phase == Phase.DONE) {
                closeProbe();
                if (grace != null && joinNextPartition()) {
                    continue;
                }
                return null;
            }
            closeProbe();
            probe = grace == null ? probeInput.next() : partitionProbe.next();
            if (probe == null) {
                phase = Phase.DONE;
                collectUnmatchedBuildRows();
            } else {
                joinProbeBatch();
            }
        }
    }

    private void build() {
        phase = Phase.PROBE;
        Batch batch;
        while ((batch = buildInput.next()) != null) {
            context.checkCancelled();
            if (grace != null) {
                try (Batch spilled = batch) {
                    grace.addBuild(spilled);
                }
                continue;
            }
            table.add(batch);
            if (table.estimatedBytes() > context.spillSpace().operatorBudget()) {
                startGraceJoin();
            }
        }
        if (grace != null) {
            spillProbeSide();
            if (!joinNextPartition()) {
                phase = Phase.DONE;
            }
            return;
        }
        prepareTable();
        keyFilter.ifPresent(this::publishKeys);
    }

    /** A NULL key reads as 0 (see PackedJoinKeys), which can only let more probe rows through the filter. */
    private void publishKeys(JoinKeyFilter filter) {
        int rows = table.rowCount();
        if (rows == 0) {
            return; // the probe side is not read at all (or every probe row is output unmatched): nothing to filter
        }
        filter.publish(table.packedKeys().column(0), rows);
    }

    /** Finishes the table's build and decides whether the probe side can be skipped. */
    private void prepareTable() {
        table.finishBuild();
        JoinType type = plan.joinType();
        if (type.tracksBuildMatches()) {
            matchedBuildRows = new BitSet(table.rowCount());
        }
        if (table.rowCount() == 0 && type != JoinType.LEFT && type != JoinType.FULL && type != JoinType.ANTI) {
            phase = Phase.DONE; // nothing can match: skip reading the probe side
        }
    }

    /** Fills {@link #pairs} with the output rows of the current probe batch. */
    private void joinProbeBatch() {
        pairs.clear();
        emitted = 0;
        JoinType type = plan.joinType();
        boolean firstMatchOnly = residual.isEmpty() && (type == JoinType.SEMI || type == JoinType.ANTI);
        findCandidatePairs(firstMatchOnly);
        residual.ifPresent(this::applyResidual);
        boolean[] probeMatched = new boolean[probe.rowCount()];
        for (int i = 0; i < pairs.size(); i++) {
            probeMatched[pairs.probeRow(i)] = true;
            if (matchedBuildRows != null) {
                matchedBuildRows.set(pairs.buildRow(i));
            }
        }
        switch (type) {
            case INNER, RIGHT -> {
            }
            case LEFT, FULL -> addUnmatchedProbeRows(probeMatched);
            case SEMI -> keepProbeRows(probeMatched, true);
            case ANTI -> keepProbeRows(probeMatched, false);
            // their output are build rows, known once every probe row was seen
            case RIGHT_SEMI, RIGHT_ANTI -> pairs.clear();
        }
    }

    private void findCandidatePairs(boolean firstMatchOnly) {
        int rows = probe.rowCount();
        if (table.rowCount() == 0) {
            return;
        }
        long[] hashes = new long[rows];
        RowHasher.hash(probe.columns(), plan.leftKeys(), rows, hashes);
        List<FieldVector> strictKeys = strictProbeKeys();
        if (table.packedKeys() != null) {
            findPackedCandidatePairs(hashes, strictKeys, firstMatchOnly);
            return;
        }
        RowEquality[] equalities = table.equalitiesFor(probe, plan.leftKeys());
        for (int row = 0; row < rows; row++) {
            if (hasNull(strictKeys, row)) {
                continue;
            }
            long hash = hashes[row];
            for (int candidate = table.firstCandidate(hash); candidate >= 0; candidate = table.nextCandidate(candidate)) {
                if (table.hash(candidate) == hash && keysEqual(equalities, row, candidate)) {
                    pairs.add(row, candidate);
                    if (firstMatchOnly) {
                        break;
                    }
                }
            }
        }
    }

    private boolean keysEqual(RowEquality[] equalities, int row, int candidate) {
        int batch = table.batchIndex(candidate);
        return equalities[batch].equal(row, candidate - table.batchStart(batch));
    }

    /**
     * {@link #findCandidatePairs} for integer-like keys: compares the packed key arrays, one or two keys unrolled.
     * Each row's bucket head, then the head's keys and chain link, are loaded for the whole batch in plain loops
     * before any chain is walked: those loads miss the cache on a large table, and without branches between them
     * the CPU overlaps many misses instead of waiting for each row's in turn.
     */
    private void findPackedCandidatePairs(long[] hashes, List<FieldVector> strictKeys, boolean firstMatchOnly) {
        int rows = probe.rowCount();
        long[][] probeKeys = PackedJoinKeys.of(probe, plan.leftKeys());
        PackedJoinKeys buildKeys = table.packedKeys();
        long[] probeFirst = probeKeys[0];
        long[] buildFirst = buildKeys.column(0);
        long[] probeSecond = probeKeys.length > 1 ? probeKeys[1] : probeFirst;
        long[] buildSecond = probeKeys.length > 1 ? buildKeys.column(1) : buildFirst;
        boolean moreKeys = probeKeys.length > 2;
        int[] links = table.chainLinks();
        int[] heads = table.firstCandidates(hashes, rows);
        boolean[] headMatches = new boolean[rows];
        int[] headLinks = new int[rows];
        for (int row = 0; row < rows; row++) {
            int head = Math.max(heads[row], 0);
            headMatches[row] = buildFirst[head] == probeFirst[row] && buildSecond[head] == probeSecond[row];
            headLinks[row] = links[head];
        }
        boolean nullable = hasNulls(strictKeys);
        for (int row = 0; row < rows; row++) {
            int candidate = heads[row];
            if (candidate < 0 || (nullable && hasNull(strictKeys, row))) {
                continue;
            }
            boolean keysMatch = headMatches[row];
            int following = headLinks[row];
            while (true) {
                if (keysMatch && (!moreKeys || remainingKeysEqual(probeKeys, row, buildKeys, candidate))) {
                    pairs.add(row, candidate);
                    if (firstMatchOnly) {
                        break;
                    }
                }
                candidate = following;
                if (candidate < 0) {
                    break;
                }
                keysMatch = buildFirst[candidate] == probeFirst[row] && buildSecond[candidate] == probeSecond[row];
                following = links[candidate];
            }
        }
    }

    private static boolean remainingKeysEqual(long[][] probeKeys, int row, PackedJoinKeys buildKeys, int candidate) {
        for (int k = 2; k < probeKeys.length; k++) {
            if (probeKeys[k][row] != buildKeys.column(k)[candidate]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNulls(List<FieldVector> vectors) {
        for (FieldVector vector : vectors) {
            if (vector.getNullCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Probe key columns compared with SQL equality, where a NULL never matches. */
    private List<FieldVector> strictProbeKeys() {
        int[] keys = plan.leftKeys();
        List<FieldVector> strict = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            if (!plan.nullsEqual()[k]) {
                strict.add(probe.column(keys[k]));
            }
        }
        return strict;
    }

    private static boolean hasNull(List<FieldVector> vectors, int row) {
        for (FieldVector vector : vectors) {
            if (vector.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the candidate pairs for which the residual condition is TRUE, evaluating batch-size chunks of pairs. */
    private void applyResidual(JoinCondition condition) {
        int chunkSize = Math.max(1, context.batchSize());
        int[] kept = new int[pairs.size()];
        int keptCount = 0;
        int[] selected = new int[chunkSize];
        for (int from = 0; from < pairs.size(); from += chunkSize) {
            int count = Math.min(chunkSize, pairs.size() - from);
            try (Batch chunk = writer.write(probe, pairs, from, count, table)) {
                int passed = condition.select(chunk, selected);
                for (int i = 0; i < passed; i++) {
                    kept[keptCount++] = from + selected[i];
                }
            }
        }
        pairs.retain(kept, keptCount);
    }

    private void addUnmatchedProbeRows(boolean[] probeMatched) {
        for (int row = 0; row < probeMatched.length; row++) {
            if (!probeMatched[row]) {
                pairs.add(row, -1);
            }
        }
    }

    /** For SEMI/ANTI: the pairs become the probe rows to output, once each, in input order. */
    private void keepProbeRows(boolean[] probeMatched, boolean matched) {
        pairs.clear();
        for (int row = 0; row < probeMatched.length; row++) {
            if (probeMatched[row] == matched) {
                pairs.add(row, -1);
            }
        }
    }

    private Batch emitPending() {
        int count = Math.min(Math.max(1, context.batchSize()), pairs.size() - emitted);
        int from = emitted;
        emitted += count;
        if (!plan.joinType().outputsRight()) {
            int[] rows = new int[count];
            System.arraycopy(pairs.probeRows(), from, rows, 0, count);
            return VectorCopier.copyRows(probe, rows, count, context.allocator());
        }
        if (!plan.joinType().outputsLeft()) {
            return buildRowsWriter.write(null, pairs, from, count, table);
        }
        return writer.write(probe, pairs, from, count, table);
    }

    private void collectUnmatchedBuildRows() {
        pairs.clear();
        emitted = 0;
        if (matchedBuildRows == null) {
            return;
        }
        if (plan.joinType() == JoinType.RIGHT_SEMI) {
            for (int row = matchedBuildRows.nextSetBit(0); row >= 0; row = matchedBuildRows.nextSetBit(row + 1)) {
                pairs.add(-1, row);
            }
            return;
        }
        for (int row = matchedBuildRows.nextClearBit(0); row < table.rowCount(); row = matchedBuildRows.nextClearBit(row + 1)) {
            pairs.add(-1, row);
        }
    }

    private void startGraceJoin() {
        JoinType type = plan.joinType();
        grace = new GraceHashJoin(context, plan.rightKeys(), plan.leftKeys(), this::newTable,
                type == JoinType.LEFT || type == JoinType.FULL || type == JoinType.ANTI,
                type == JoinType.RIGHT || type == JoinType.FULL || type == JoinType.RIGHT_ANTI);
        for (Batch batch : table.batches()) {
            grace.addBuild(batch);
        }
        table.close();
        table = newTable();
    }

    private void spillProbeSide() {
        Batch batch;
        while ((batch = probeInput.next()) != null) {
            context.checkCancelled();
            try (Batch spilled = batch) {
                grace.addProbe(spilled);
            }
        }
        grace.finishInputs();
    }

    /** Makes the next partition pair current; false when every pair was joined. */
    private boolean joinNextPartition() {
        closePartition();
        GraceHashJoin.Partition next = grace.next();
        if (next == null) {
            return false;
        }
        table = next.table();
        partitionProbe = next.probe();
        phase = Phase.PROBE;
        matchedBuildRows = null;
        pairs.clear();
        emitted = 0;
        prepareTable();
        return true;
    }

    private void closePartition() {
        table.close();
        if (partitionProbe != null) {
            partitionProbe.close();
            partitionProbe = null;
        }
    }

    private JoinHashTable newTable() {
        return new JoinHashTable(plan.rightKeys(), plan.nullsEqual(), PackedJoinKeys.applicable(plan), context.allocator());
    }

    private void closeProbe() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    private static List<Field> fields(RowSchema schema) {
        return ArrowTypes.schema(schema).getFields();
    }

    @Override
    public void close() {
        closeProbe();
        closePartition();
        if (grace != null) {
            grace.close();
        }
        try {
            probeInput.close();
        } finally {
            buildInput.close();
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
