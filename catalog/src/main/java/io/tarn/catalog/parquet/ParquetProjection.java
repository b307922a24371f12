package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;

/** Finds the file field behind an output column and prunes nested fields to the children the output asks for. */
final class ParquetProjection {
    private ParquetProjection() {
    }

    /** The top-level file field for {@code column}, by field id when both sides have one, else by name; null if absent. */
    static Type fileField(MessageType fileSchema, ReadColumn column) {
        if (column.fieldId() >= 0) {
            for (Type field : fileSchema.getFields()) {
                if (field.getId() != null && field.getId().intValue() == column.fieldId()) {
                    return field;
                }
            }
            if (hasIds(fileSchema)) {
                // the file was written with ids and this one is not among them: the column was added later
                return null;
            }
        }
        for (Type field : fileSchema.getFields()) {
            if (field.getName().equalsIgnoreCase(column.name())) {
                return field;
            }
        }
        return null;
    }

    private static boolean hasIds(MessageType schema) {
        for (Type field : schema.getFields()) {
            if (field.getId() != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code file} restricted to what {@code target} reads; null when a struct shares no field with the target. */
    static Type prune(Type file, DataType target) {
        if (file.isPrimitive()) {
            return file;
        }
        GroupType group = file.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && target.kind() == TypeKind.LIST) {
            Type element = prune(ParquetTypes.listElement(group), target.children().get(0));
            if (element == null) {
                return null;
            }
            GroupType repeated = group.getType(0).asGroupType();
            return group.withNewFields(repeated.withNewFields(element));
        }
        if (target.kind() != TypeKind.STRUCT) {
            return file;
        }
        List<Type> kept = new ArrayList<>();
        for (Type child : group.getFields()) {
            int index = NestedConverters.childIndex(target, child.getName());
            if (index >= 0) {
                Type pruned = prune(child, target.children().get(index));
                if (pruned != null) {
                    kept.add(pruned);
                }
            }
        }
        return kept.isEmpty() ? null : group.withNewFields(kept);
    }
}
