package io.tarn.catalog;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test rows with STRUCT, LIST and MAP columns (NULLs at every level), as a batch and as canonical values. */
public final class NestedRows {
    public static final DataType STRUCT = DataType.struct(List.of("x", "y"), List.of(DataType.INTEGER, DataType.VARCHAR));
    public static final DataType LIST = DataType.list(DataType.INTEGER);
    public static final DataType MAP = DataType.map(DataType.VARCHAR, DataType.INTEGER);
    public static final RowSchema SCHEMA = new RowSchema(List.of(new Column("id", DataType.BIGINT), new Column("st", STRUCT),
            new Column("li", LIST), new Column("mp", MAP)));

    private NestedRows() {
    }

    /** A batch of {@code count} rows starting at id {@code from}; adds the canonical rows to {@code expected}. */
    public static Batch batch(BufferAllocator allocator, int from, int count, List<List<Object>> expected) {
        BigIntVector id = (BigIntVector) ArrowTypes.field("id", DataType.BIGINT).createVector(allocator);
        StructVector st = (StructVector) ArrowTypes.field("st", STRUCT).createVector(allocator);
        ListVector li = (ListVector) ArrowTypes.field("li", LIST).createVector(allocator);
        MapVector mp = (MapVector) ArrowTypes.field("mp", MAP).createVector(allocator);
        id.allocateNew(count);
        st.allocateNew();
        UnionListWriter listWriter = li.getWriter();
        UnionMapWriter mapWriter = mp.getWriter();
        IntVector x = (IntVector) st.getChildByOrdinal(0);
        VarCharVector y = (VarCharVector) st.getChildByOrdinal(1);
        for (int r = 0; r < count; r++) {
            int i = from + r;
            List<Object> row = new ArrayList<>();
            id.setSafe(r, i);
            row.add((long) i);
            if (i % 5 == 1) {
                st.setNull(r);
                row.add(null);
            } else {
                st.setIndexDefined(r);
                x.setSafe(r, i * 10);
                if (i % 3 == 0) {
                    y.setNull(r);
                } else {
                    y.setSafe(r, ("y" + i).getBytes(StandardCharsets.UTF_8));
                }
                row.add(Rows.row((long) (i * 10), i % 3 == 0 ? null : "y" + i));
            }
            listWriter.setPosition(r);
            if (i % 7 == 2) {
                row.add(null);
            } else {
                listWriter.startList();
                List<Object> elements = new ArrayList<>();
                for (int e = 0; e < i % 4; e++) {
                    if (e == 1) {
                        listWriter.writeNull();
                        elements.add(null);
                    } else {
                        listWriter.integer().writeInt(i + e);
                        elements.add((long) (i + e));
                    }
                }
                listWriter.endList();
                row.add(elements);
            }
            mapWriter.setPosition(r);
            mapWriter.startMap();
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int e = 0; e < i % 3; e++) {
                mapWriter.startEntry();
                byte[] key = ("k" + e).getBytes(StandardCharsets.UTF_8);
                try (ArrowBuf buffer = allocator.buffer(key.length)) {
                    buffer.setBytes(0, key);
                    mapWriter.key().varChar().writeVarChar(0, key.length, buffer);
                }
                mapWriter.value().integer().writeInt(e * i);
                mapWriter.endEntry();
                entries.put("k" + e, (long) (e * i));
            }
            mapWriter.endMap();
            row.add(entries);
            expected.add(row);
        }
        List<FieldVector> vectors = List.of(id, st, li, mp);
        vectors.forEach(v -> v.setValueCount(count));
        return new Batch(vectors, count);
    }
}
