/**
 * Repair: turns a run's divergent rows into guarded INSERT, UPDATE and DELETE statements
 * (repair.sql) that make a target side match the other, and applies them on request.
 */
package io.pgparity.repair;
