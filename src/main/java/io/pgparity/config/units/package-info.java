/**
 * The short texts for amounts that job files and the command line share: durations (30s, 10m), WAL
 * sizes (64MB) and rates (2.5); each class parses its forms and names them for messages.
 */
package io.pgparity.config.units;
