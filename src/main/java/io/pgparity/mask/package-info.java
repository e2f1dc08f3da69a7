/**
 * Masked columns: their values leave the process only as keyed fingerprints, so reports and logs
 * can tell two values apart without holding them.
 */
package io.pgparity.mask;
