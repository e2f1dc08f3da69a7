package io.pgparity.terminal;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A stream to the terminal that erases the {@link LiveLine} before each write, so the two never
 * mix.
 */
final class ClearingStream extends OutputStream {

  private final PrintStream target;
  private final LiveLine line;

  ClearingStream(PrintStream target, LiveLine line) {
    this.target = target;
    this.line = line;
  }

  @Override
  public void write(int b) {
    line.around(
        () -> {
          target.write(b);
          target.flush();
        },
        b == '\n');
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return;
    }
    // flushed at once: the live line goes straight to the terminal and must not overtake buffered
    // output
    line.around(
        () -> {
          target.write(bytes, offset, length);
          target.flush();
        },
        bytes[offset + length - 1] == '\n');
  }

  @Override
  public void flush() {
    target.flush();
  }
}
