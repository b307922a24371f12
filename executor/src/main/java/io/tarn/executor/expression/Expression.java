package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;

/** A scalar expression over the columns of one input batch; Tarn's own IR, free of Calcite. */
public sealed interface Expression permits InputReference, Literal, Call {
    DataType type();
}
