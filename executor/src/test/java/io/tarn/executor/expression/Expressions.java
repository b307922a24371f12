package io.tarn.executor.expression;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small builders and an evaluation helper for expression tests. */
final class Expressions {
    private Expressions() {
    }

    static Call call(Function function, DataType type, Expression... arguments) {
        return new Call(function, List.of(arguments), type);
    }

    static Literal literal(Object value, DataType type) {
        return new Literal(value, type);
    }

    static InputReference ref(int index, DataType type) {
        return new InputReference(index, type);
    }

    /** Evaluates {@code expression} over {@code rows} of {@code schema}, returning canonical values. */
    static List<Object> evaluate(Expression expression, RowSchema schema, List<List<Object>> rows, BufferAllocator allocator) {
        CompiledExpression compiled = ExpressionCompiler.compile(expression, ZoneOffset.UTC);
        try (Batch batch = BatchFixtures.batch(schema, rows, allocator);
             FieldVector result = compiled.evaluate(batch, allocator)) {
            return BatchFixtures.values(result, batch.rowCount());
        }
    }

    /** Evaluates a constant expression over one row without columns. */
    static Object evaluate(Expression expression, BufferAllocator allocator) {
        List<List<Object>> oneRow = new ArrayList<>();
        oneRow.add(List.of());
        return evaluate(expression, BatchFixtures.schema(), oneRow, allocator).get(0);
    }
}
