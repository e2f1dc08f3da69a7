package io.pgparity.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pgparity.live.Lsn;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * What the manifest records of one server: which cluster it is, its version, and its WAL position
 * when the run started and when it ended ({@code walAtEnd} is null when it could not be read, e.g.
 * after the run failed; {@code walAtStart} is null only on a standby that has replayed nothing). In
 * manifest.json a position is PostgreSQL's text form ({@code 16/B374D848}) and is always written,
 * null when unknown, so a manifest without it is incomplete.
 */
public record ServerEvidence(
    String systemIdentifier,
    String serverVersion,
    @JsonProperty(required = true)
        @JsonSerialize(using = ToStringSerializer.class)
        @JsonDeserialize(using = LsnText.class)
        Lsn walAtStart,
    @JsonProperty(required = true)
        @JsonSerialize(using = ToStringSerializer.class)
        @JsonDeserialize(using = LsnText.class)
        Lsn walAtEnd) {

  public ServerEvidence {
    CanonicalJson.checkPrintable(systemIdentifier, "systemIdentifier");
    CanonicalJson.checkPrintable(serverVersion, "serverVersion");
  }

  /** Reads a WAL position from its text form only; Lsn is PostgreSQL's type, not a JSON one. */
  static final class LsnText extends StdDeserializer<Lsn> {

    LsnText() {
      super(Lsn.class);
    }

    @Override
    public Lsn deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (Lsn) context.handleUnexpectedToken(Lsn.class, parser);
      }
      return Lsn.parse(parser.getString());
    }
  }
}
