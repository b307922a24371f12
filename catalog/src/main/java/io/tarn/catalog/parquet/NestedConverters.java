package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Parquet record-assembly converters that build Arrow STRUCT / LIST / MAP vectors from the events of a
 * {@link org.apache.parquet.io.RecordReader}. A group that is absent (null) gets no events, so its slot stays null.
 */
final class NestedConverters {
    private NestedConverters() {
    }

    /** A converter that can be pointed at the vector of the current batch. */
    interface Bindable {
        void bind(FieldVector vector);
    }

    /**
     * The converter for a field of Parquet type {@code source} read as {@code target}; {@code source} must already be
     * pruned to the children {@code target} asks for (see {@link ParquetProjection}).
     */
    static Converter create(Type source, DataType target, LeafConverter.Slot parent) {
        if (source.isPrimitive()) {
            return LeafConverter.create(source.asPrimitiveType(), target, parent);
        }
        GroupType group = source.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (target.kind() == TypeKind.LIST && annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return new ListConverter(group, target, parent, false);
        }
        if (target.kind() == TypeKind.MAP && (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)) {
            return new ListConverter(group, target, parent, true);
        }
        if (target.kind() == TypeKind.STRUCT) {
            return new StructConverter(group, target, parent);
        }
        throw new CatalogException("42804", "cannot read Parquet group " + source.getName() + " as " + target);
    }

    static void bind(Converter converter, FieldVector vector) {
        if (converter instanceof LeafConverter leaf) {
            leaf.bind(vector);
        } else {
            ((Bindable) converter).bind(vector);
        }
    }

    /** Index of the target child named like {@code name} (case-insensitive), or -1. */
    static int childIndex(DataType target, String name) {
        for (int i = 0; i < target.fieldNames().size(); i++) {
            if (target.fieldNames().get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static final class StructConverter extends GroupConverter implements Bindable, LeafConverter.Slot {
        private final LeafConverter.Slot parent;
        private final Converter[] children;
        private final int[] targetOrdinals;
        private StructVector vector;
        private int slot;

        StructConverter(GroupType source, DataType target, LeafConverter.Slot parent) {
            this.parent = parent;
            this.children = new Converter[source.getFieldCount()];
            this.targetOrdinals = new int[source.getFieldCount()];
            for (int f = 0; f < children.length; f++) {
                int ordinal = childIndex(target, source.getFieldName(f));
                targetOrdinals[f] = ordinal;
                children[f] = create(source.getType(f), target.children().get(ordinal), this);
            }
        }

        @Override
        public void bind(FieldVector vector) {
            this.vector = (StructVector) vector;
            for (int f = 0; f < children.length; f++) {
                NestedConverters.bind(children[f], (FieldVector) this.vector.getChildByOrdinal(targetOrdinals[f]));
            }
        }

        @Override
        public int current() {
            return slot;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            slot = parent.current();
            vector.setIndexDefined(slot);
        }

        @Override
        public void end() {
        }
    }

    /** LIST, and MAP as a list of key/value entries (Arrow's MapVector is a ListVector of entry structs). */
    private static final class ListConverter extends GroupConverter implements Bindable {
        private final LeafConverter.Slot parent;
        private final RepeatedConverter repeated;
        private ListVector vector;
        private int slot;
        private int firstElement;
        private int elementCount;

        ListConverter(GroupType source, DataType target, LeafConverter.Slot parent, boolean map) {
            this.parent = parent;
            this.repeated = new RepeatedConverter(source.getType(0).asGroupType(), target, map);
        }

        @Override
        public void bind(FieldVector vector) {
            this.vector = (ListVector) vector;
            repeated.bind(this.vector.getDataVector());
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            slot = parent.current();
            firstElement = vector.startNewValue(slot);
            elementCount = 0;
        }

        @Override
        public void end() {
            vector.endValue(slot, elementCount);
        }

        /** One occurrence of the repeated group = one element (or one map entry). */
        private final class RepeatedConverter extends GroupConverter implements LeafConverter.Slot {
            private final boolean map;
            private final List<Converter> children = new ArrayList<>();
            private StructVector entries;
            private int elementSlot;

            RepeatedConverter(GroupType repeatedGroup, DataType target, boolean map) {
                this.map = map;
                if (map) {
                    children.add(create(repeatedGroup.getType(0), target.children().get(0), this));
                    children.add(create(repeatedGroup.getType(1), target.children().get(1), this));
                } else {
                    children.add(create(repeatedGroup.getType(0), target.children().get(0), this));
                }
            }

            void bind(FieldVector data) {
                if (map) {
                    entries = (StructVector) data;
                    NestedConverters.bind(children.get(0), (FieldVector) entries.getChildByOrdinal(0));
                    NestedConverters.bind(children.get(1), (FieldVector) entries.getChildByOrdinal(1));
                } else {
                    NestedConverters.bind(children.get(0), data);
                }
            }

            @Override
            public int current() {
                return elementSlot;
            }

            @Override
            public Converter getConverter(int fieldIndex) {
                return children.get(fieldIndex);
            }

            @Override
            public void start() {
                elementSlot = firstElement + elementCount;
                if (map) {
                    entries.setIndexDefined(elementSlot);
                }
            }

            @Override
            public void end() {
                elementCount++;
            }
        }
    }
}
