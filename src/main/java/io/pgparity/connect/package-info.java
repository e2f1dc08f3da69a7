/**
 * Opens read-only, pinned-setting connections to the compared servers, describes them, and
 * retries work that failed transiently (standby conflicts, lost connections).
 */
package io.pgparity.connect;
