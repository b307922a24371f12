package io.tarn.catalog.type;

import java.util.List;

/** The ordered columns of a table, a scan or an operator's output. */
public record RowSchema(List<Column> columns) {
    public RowSchema {
        columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** Index of the column with this name (case-insensitive), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public RowSchema project(int[] indexes) {
        Column[] projected = new Column[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            projected[i] = columns.get(indexes[i]);
        }
        return new RowSchema(List.of(projected));
    }
}
