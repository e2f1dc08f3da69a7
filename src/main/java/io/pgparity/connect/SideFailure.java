package io.pgparity.connect;

import java.sql.SQLException;

/** A query failure tagged with the side it happened on, for work that holds both sides at once. */
public final class SideFailure extends SQLException {

  private final Side side;

  public SideFailure(Side side, SQLException cause) {
    super(cause.getMessage(), cause.getSQLState(), cause);
    this.side = side;
  }

  public Side side() {
    return side;
  }
}
