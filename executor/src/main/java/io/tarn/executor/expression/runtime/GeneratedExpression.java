package io.tarn.executor.expression.runtime;

import org.apache.arrow.vector.FieldVector;

import java.time.ZoneId;

/** Base of the classes the expression compiler generates; one subclass per expression shape, one instance per use. */
public abstract class GeneratedExpression {
    /** Literals and other objects the generated code reads through typed fields set by the subclass constructor. */
    protected final Object[] constants;
    /** The session time zone, for TIMESTAMP WITH LOCAL TIME ZONE. */
    protected final ZoneId zone;

    protected GeneratedExpression(Object[] constants, ZoneId zone) {
        this.constants = constants;
        this.zone = zone;
    }

    /** Writes the expression's value for rows {@code [0, rowCount)} into {@code output}, which it allocates. */
    public void evaluate(FieldVector[] inputs, int rowCount, FieldVector output) {
        throw new UnsupportedOperationException("generated as a predicate");
    }

    /** Writes the positions of rows whose value is TRUE into {@code selection}; returns how many. */
    public int filter(FieldVector[] inputs, int rowCount, int[] selection) {
        throw new UnsupportedOperationException("generated as a value expression");
    }
}
