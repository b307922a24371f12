package io.tarn.catalog.parquet;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every page Tarn's decompression yields has the bytes parquet-java's own codecs yield. */
class TestPageDecompression {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message codecs {
              required int64 id;
              optional binary text (STRING);
              optional double measure;
            }""");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void pagesMatchParquetJava(CompressionCodecName codec) throws Exception {
        for (WriterVersion version : WriterVersion.values()) {
            Path file = write(codec, version);
            int pages = 0;
            try (ParquetFileReader tarn = ParquetBatchReader.openFile(file);
                 ParquetFileReader reference = ParquetFileReader.open(new LocalInputFile(file),
                         ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                for (PageReadStore tarnGroup = tarn.readNextRowGroup(), referenceGroup = reference.readNextRowGroup();
                     tarnGroup != null;
                     tarnGroup = tarn.readNextRowGroup(), referenceGroup = reference.readNextRowGroup()) {
                    for (ColumnDescriptor column : SCHEMA.getColumns()) {
                        pages += assertSamePages(tarnGroup.getPageReader(column), referenceGroup.getPageReader(column),
                                codec == CompressionCodecName.SNAPPY || codec == CompressionCodecName.ZSTD);
                    }
                }
            }
            assertTrue(pages > 10, codec + " " + version + " pages: " + pages);
        }
    }

    /** {@code oneShot}: Tarn decompresses the codec itself, so the pages need no copy to be decoded. */
    private static int assertSamePages(PageReader tarn, PageReader reference, boolean oneShot) throws Exception {
        DictionaryPage dictionary = reference.readDictionaryPage();
        DictionaryPage tarnDictionary = tarn.readDictionaryPage();
        if (dictionary != null) {
            assertNotNull(tarnDictionary);
            assertSameBytes(dictionary.getBytes(), tarnDictionary.getBytes(), oneShot);
        }
        int pages = 0;
        for (DataPage page = reference.readPage(); page != null; page = reference.readPage(), pages++) {
            DataPage tarnPage = tarn.readPage();
            assertEquals(page.getClass(), tarnPage.getClass());
            if (page instanceof DataPageV1 v1) {
                assertSameBytes(v1.getBytes(), ((DataPageV1) tarnPage).getBytes(), oneShot);
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                assertSameBytes(v2.getDefinitionLevels(), ((DataPageV2) tarnPage).getDefinitionLevels(), false);
                assertSameBytes(v2.getData(), ((DataPageV2) tarnPage).getData(), oneShot && v2.isCompressed());
            }
        }
        assertEquals(null, tarn.readPage());
        return pages;
    }

    /** The same bytes, which the decoder uses without another copy when Tarn decompressed them. */
    private static void assertSameBytes(BytesInput expected, BytesInput actual, boolean oneShot) throws Exception {
        byte[] bytes = expected.toByteArray();
        PageBytes page = PageBytes.of(actual);
        if (oneShot) {
            assertSame(actual.toByteBuffer().array(), page.bytes);
        }
        assertEquals(bytes.length, page.length);
        assertArrayEquals(bytes, Arrays.copyOf(page.bytes, page.length));
        assertTrue(page.bytes.length >= page.length + PageBytes.PADDING);
    }

    private Path write(CompressionCodecName codec, WriterVersion version) throws Exception {
        Path file = dir.resolve(codec + "_" + version + ".parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        Random random = new Random(codec.ordinal());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withConf(new PlainParquetConfiguration()).withCompressionCodec(codec).withWriterVersion(version)
                .withPageRowCountLimit(500).withRowGroupSize(32 * 1024L).build()) {
            for (int i = 0; i < 4000; i++) {
                Group row = groups.newGroup().append("id", i * 7919L);
                if (i % 5 != 0) {
                    row.append("text", random.nextInt(3) == 0 ? "row " + random.nextInt() : "k" + random.nextInt(20));
                    row.append("measure", random.nextGaussian());
                }
                writer.write(row);
            }
        }
        return file;
    }
}
