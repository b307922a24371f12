package io.tarn.executor.operator.project;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.FixtureOperator;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestProjectOperator {
    private static final RowSchema INPUT = BatchFixtures.schema(DataType.BIGINT, DataType.VARCHAR);
    private static final RowSchema OUTPUT = BatchFixtures.schema(DataType.VARCHAR, DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutionContext context = new ExecutionContext(allocator, 1, 100, ZoneOffset.UTC);

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static List<Expression> expressions() {
        InputReference number = new InputReference(0, DataType.BIGINT);
        InputReference text = new InputReference(1, DataType.VARCHAR);
        Expression doubled = new Call(Function.MULTIPLY, List.of(number, new Literal(2L, DataType.BIGINT)), DataType.BIGINT);
        return List.of(text, doubled, text, number);
    }

    @Test
    void computesExpressionsAndMovesOrCopiesReferencedColumns() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 95; i++) {
            rows.add(Arrays.asList(i % 7 == 0 ? null : i, i % 11 == 0 ? null : "s" + i));
        }
        for (int chunk : new int[] {1, 40, 95}) {
            FixtureOperator input = new FixtureOperator(INPUT, OperatorResults.chunks(rows, chunk), allocator);
            List<List<Object>> actual = OperatorResults.drain(new ProjectOperator(input, expressions(), OUTPUT, context));
            List<List<Object>> expected = rows.stream()
                    .map(r -> Arrays.asList(r.get(1), r.get(0) == null ? null : (Long) r.get(0) * 2, r.get(1), r.get(0)))
                    .toList();
            assertEquals(expected, actual);
            assertEquals(1, input.closes());
        }
    }

    @Test
    void emptyInputAndErrorsReleaseEverything() {
        assertEquals(List.of(), OperatorResults.drain(new ProjectOperator(new FixtureOperator(INPUT, List.of(), allocator),
                expressions(), OUTPUT, context)));
        Expression overflow = new Call(Function.MULTIPLY, List.of(new InputReference(0, DataType.BIGINT),
                new Literal(Long.MAX_VALUE, DataType.BIGINT)), DataType.BIGINT);
        FixtureOperator input = new FixtureOperator(INPUT, List.of(List.of(Arrays.asList(3L, "x"))), allocator);
        ProjectOperator project = new ProjectOperator(input, List.of(new InputReference(1, DataType.VARCHAR), overflow),
                BatchFixtures.schema(DataType.VARCHAR, DataType.BIGINT), context);
        assertEquals("22003", assertThrows(ExecutionException.class, project::next).sqlState());
        project.close();
    }
}
