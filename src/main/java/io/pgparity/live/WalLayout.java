package io.pgparity.live;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The primary's WAL page and segment sizes, needed to read an insert position right: PostgreSQL
 * reports the insert position on an empty page as just past the page header, where the end of the
 * last record (what a replica reports) is the page start.
 */
record WalLayout(int blockSize, long segmentSize) {

  /** sizeof(XLogPageHeaderData) and sizeof(XLogLongPageHeaderData), MAXALIGNed. */
  static final int SHORT_HEADER = 24;

  static final int LONG_HEADER = 40;

  WalLayout {
    checkArgument(
        blockSize >= 1024 && Integer.bitCount(blockSize) == 1,
        "wal_block_size must be a power of two of at least 1024 but was %s",
        blockSize);
    checkArgument(
        segmentSize >= blockSize && segmentSize % blockSize == 0,
        "wal_segment_size must be a multiple of wal_block_size %s but was %s",
        blockSize,
        segmentSize);
  }

  /**
   * The end of the last record before {@code insert}: the same position unless it is just past the
   * header of a page that holds nothing yet, which would otherwise wait for WAL that an idle
   * primary never writes.
   */
  Lsn lastRecordEnd(Lsn insert) {
    long value = insert.value();
    if (value % segmentSize == LONG_HEADER) {
      return new Lsn(value - LONG_HEADER);
    }
    if (value % blockSize == SHORT_HEADER && value % segmentSize != SHORT_HEADER) {
      return new Lsn(value - SHORT_HEADER);
    }
    return insert;
  }
}
