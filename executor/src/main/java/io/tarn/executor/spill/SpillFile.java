package io.tarn.executor.spill;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Batches written once, in order, to one Arrow IPC stream file, then read back any number of times. Writing does not
 * copy values (the batch's buffers are serialized directly) and does not take ownership of the batch. {@link #close()}
 * deletes the file.
 */
public final class SpillFile implements AutoCloseable {
    private static final int IO_BUFFER_BYTES = 1 << 16;

    private final SpillSpace space;
    private final Path path;
    private OutputStream stream;
    private WriteChannel channel;
    private long rowCount;
    private boolean finished;
    private boolean deleted;

    SpillFile(SpillSpace space, Path path) {
        this.space = space;
        this.path = path;
    }

    /** Appends the rows of {@code batch}; the caller keeps the batch. */
    public void write(Batch batch) {
        requireNonNull(batch, "batch is null");
        if (finished) {
            throw new IllegalStateException("spill file " + path + " was already finished");
        }
        if (batch.rowCount() == 0) {
            return;
        }
        VectorSchemaRoot view = new VectorSchemaRoot(Vectors.fields(batch), batch.columns(), batch.rowCount());
        try {
            if (channel == null) {
                stream = new BufferedOutputStream(Files.newOutputStream(path), IO_BUFFER_BYTES);
                channel = new WriteChannel(Channels.newChannel(stream));
                MessageSerializer.serialize(channel, new Schema(view.getSchema().getFields()));
            }
            try (ArrowRecordBatch record = new VectorUnloader(view).getRecordBatch()) {
                MessageSerializer.serialize(channel, record);
            }
        } catch (IOException e) {
            closeStream();
            throw SpillSpace.ioFailure("cannot write spill file " + path, e);
        }
        rowCount += batch.rowCount();
    }

    /** Ends writing: flushes and closes the file so it can be read. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (channel == null) {
            return;
        }
        try {
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
            stream.close();
            space.recordWritten(channel.getCurrentPosition());
        } catch (IOException e) {
            throw SpillSpace.ioFailure("cannot write spill file " + path, e);
        } finally {
            stream = null;
            channel = null;
        }
    }

    /** Rows written so far. */
    public long rowCount() {
        return rowCount;
    }

    /** A reader of the finished file's batches, allocated from {@code allocator}; the caller closes it. */
    public Operator open(BufferAllocator allocator) {
        requireNonNull(allocator, "allocator is null");
        if (!finished) {
            throw new IllegalStateException("spill file " + path + " is still being written");
        }
        return rowCount == 0 ? SpillReader.EMPTY : SpillReader.open(path, allocator);
    }

    @Override
    public void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        closeStream();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the query's spill directory is deleted at its end; a file left here until then is harmless
        }
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the file is deleted or abandoned anyway
            }
            stream = null;
            channel = null;
        }
    }

    @Override
    public String toString() {
        return path.getFileName() + " (" + rowCount + " rows)";
    }
}
