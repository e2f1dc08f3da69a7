/**
 * Opens read-only, pinned-setting connections to the compared servers, describes them, and retries
 * work that failed transiently (standby conflicts, lost connections). {@link
 * io.pgparity.connect.ServerPair#onBoth} runs one piece of work on both sides at once and answers
 * with a {@link io.pgparity.connect.Both}, one value per side; {@link
 * io.pgparity.connect.ServerPair#withBoth} runs work that holds a connection to each side together.
 */
package io.pgparity.connect;
