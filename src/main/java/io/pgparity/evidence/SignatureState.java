package io.pgparity.evidence;

/** What {@code evidence check} could say about a manifest's signature. */
public enum SignatureState {
  /** Signed, and the key given verifies it. */
  VERIFIED,
  /** Not signed; with no key given this is not a problem, only weaker evidence. */
  UNSIGNED,
  /** Signed but not verified: the key is missing or wrong, or the manifest was edited. */
  BAD,
  /** The manifest could not be read, so neither could its signature. */
  UNKNOWN
}
