package io.tarn.catalog.iceberg;

import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Iceberg file access for a warehouse on the local file system, without Hadoop (no .crc side files). */
public final class LocalFileIO implements FileIO {

    public LocalFileIO() {
    }

    /** The local path of a location written as a plain path or a {@code file:} URI. */
    public static Path toPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        return Path.of(location);
    }

    @Override
    public void initialize(Map<String, String> properties) {
    }

    @Override
    public InputFile newInputFile(String path) {
        return Files.localInput(toPath(path).toFile());
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return Files.localOutput(toPath(path).toFile());
    }

    @Override
    public void deleteFile(String path) {
        try {
            java.nio.file.Files.deleteIfExists(toPath(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
