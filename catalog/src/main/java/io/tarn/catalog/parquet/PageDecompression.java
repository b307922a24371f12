package io.tarn.catalog.parquet;

import com.github.luben.zstd.ZstdDecompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The codecs of one file reader. ZSTD and SNAPPY pages are decompressed in one call straight into an array that
 * already has {@link PageBytes#PADDING} spare bytes, so {@link PageBytes#of} uses it as is. parquet-java instead
 * streams each page through a new decompressor (for ZSTD a new native context per page) and copies the result
 * twice. The arrays come from the reader's {@link RowGroupBuffers}. Other codecs stay with parquet-java. Not
 * thread-safe: one instance per reader, released when it closes.
 */
final class PageDecompression implements CompressionCodecFactory {
    private final CodecFactory parquet;
    private final RowGroupBuffers buffers;
    private ZstdDecompressCtx zstd;

    PageDecompression(ParquetConfiguration configuration, RowGroupBuffers buffers) {
        this.parquet = new CodecFactory(configuration, 0);
        this.buffers = buffers;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        BytesInputDecompressor fallback = parquet.getDecompressor(codec);
        return switch (codec) {
            case ZSTD -> new OneShot(fallback) {
                @Override
                int decompress(byte[] in, int offset, int length, byte[] out, int size) {
                    if (zstd == null) {
                        zstd = new ZstdDecompressCtx();
                    }
                    return zstd.decompressByteArray(out, 0, size, in, offset, length);
                }
            };
            case SNAPPY -> new OneShot(fallback) {
                @Override
                int decompress(byte[] in, int offset, int length, byte[] out, int size) throws IOException {
                    if (Snappy.uncompressedLength(in, offset, length) != size) {
                        throw new IOException("SNAPPY page does not decompress to its " + size + " bytes");
                    }
                    return Snappy.uncompress(in, offset, length, out, 0);
                }
            };
            default -> fallback;
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return parquet.getCompressor(codec);
    }

    @Override
    public void release() {
        parquet.release();
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    /** Decompresses heap pages with one call; direct buffers (not used by Tarn's readers) go to parquet-java. */
    private abstract class OneShot implements BytesInputDecompressor {
        private final BytesInputDecompressor fallback;

        OneShot(BytesInputDecompressor fallback) {
            this.fallback = fallback;
        }

        /** Decompresses {@code in[offset..offset+length)} into {@code out[0..size)}; returns the bytes written. */
        abstract int decompress(byte[] in, int offset, int length, byte[] out, int size) throws IOException;

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            ByteBuffer compressed = bytes.toByteBuffer();
            if (!compressed.hasArray()) {
                return fallback.decompress(bytes, decompressedSize);
            }
            byte[] out = buffers.take(decompressedSize + PageBytes.PADDING);
            int written = decompress(compressed.array(), compressed.arrayOffset() + compressed.position(),
                    compressed.remaining(), out, decompressedSize);
            if (written != decompressedSize) {
                throw new IOException("page decompressed to " + written + " bytes instead of " + decompressedSize);
            }
            return BytesInput.from(out, 0, decompressedSize);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            fallback.decompress(input, compressedSize, output, decompressedSize);
        }

        @Override
        public void release() {
        }
    }
}
