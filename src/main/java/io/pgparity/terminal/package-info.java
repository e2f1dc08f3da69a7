/**
 * The live status line on a terminal's stderr, and the streams that keep log lines from garbling
 * it.
 */
package io.pgparity.terminal;
