package io.tarn.tests.sqllogictest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestInsertBatcher {
    @Test
    void mergesConsecutiveInsertsIntoOneColumnOrder() {
        List<InsertBatcher.Batch> batches = InsertBatcher.merge(List.of(
                "CREATE TABLE t1(a INTEGER, b VARCHAR)",
                "INSERT INTO t1(a,b) VALUES(1,'x')",
                "INSERT INTO t1(b,a) VALUES('y',2)",
                "INSERT INTO t1(a,b) VALUES(NULL,'p, q')",
                "INSERT INTO t2(a) VALUES(3)",
                "INSERT INTO t2(a) VALUES(4)"));
        assertEquals(List.of(
                new InsertBatcher.Batch("CREATE TABLE t1(a INTEGER, b VARCHAR)", 1),
                new InsertBatcher.Batch("INSERT INTO t1(a,b) VALUES(1,'x'),(2,'y')", 2),
                new InsertBatcher.Batch("INSERT INTO t1(a,b) VALUES(NULL,'p, q')", 1),
                new InsertBatcher.Batch("INSERT INTO t2(a) VALUES(3),(4)", 2)), batches);
    }
}
