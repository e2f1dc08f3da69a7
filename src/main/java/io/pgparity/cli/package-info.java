/** Command-line entry: parses commands and options, runs them and maps outcomes to exit codes. */
package io.pgparity.cli;
