package io.tarn.executor.spill;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.util.TransferPair;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a spill file's batches back; each batch is moved out of the reader's buffers, so the caller owns it. */
final class SpillReader implements Operator {
    private static final int IO_BUFFER_BYTES = 1 << 16;

    /** The reader of a file that holds no rows. */
    static final Operator EMPTY = new Operator() {
        @Override
        public Batch next() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    private final Path path;
    private final BufferAllocator allocator;
    private ArrowStreamReader reader;

    private SpillReader(Path path, BufferAllocator allocator, ArrowStreamReader reader) {
        this.path = path;
        this.allocator = allocator;
        this.reader = reader;
    }

    static SpillReader open(Path path, BufferAllocator allocator) {
        try {
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), IO_BUFFER_BYTES);
            return new SpillReader(path, allocator, new ArrowStreamReader(in, allocator));
        } catch (IOException e) {
            throw SpillSpace.ioFailure("cannot read spill file " + path, e);
        }
    }

    @Override
    public Batch next() {
        if (reader == null) {
            return null;
        }
        try {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                if (root.getRowCount() > 0) {
                    return moveOut(root);
                }
            }
        } catch (IOException e) {
            throw SpillSpace.ioFailure("cannot read spill file " + path, e);
        }
        close();
        return null;
    }

    private Batch moveOut(VectorSchemaRoot root) {
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector vector : root.getFieldVectors()) {
            TransferPair transfer = vector.getTransferPair(allocator);
            transfer.transfer();
            vectors.add((FieldVector) transfer.getTo());
        }
        return new Batch(vectors, root.getRowCount());
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing was written through this stream
            }
            reader = null;
        }
    }
}
