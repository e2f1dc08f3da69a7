/**
 * The verdict of a run and the exit code automation reads from it: the contract every command and
 * report shares, so it sits below all of them.
 */
package io.pgparity.verdict;
