package io.tarn.catalog.spi;

import java.io.Serializable;

/** One independently readable piece of a scan (a file, or some row groups of one). Serializable to cross machines later. */
public interface ScanTask extends Serializable {
    long estimatedRows();
}
