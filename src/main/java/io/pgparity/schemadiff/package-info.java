/**
 * Schema objects compared between the sides: each side's catalog is read for all compared tables at
 * once ({@link io.pgparity.schemadiff.SchemaCatalog}) and the two are compared by what the objects
 * do ({@link io.pgparity.schemadiff.SchemaComparison}), giving {@link
 * io.pgparity.finding.SchemaFinding}s.
 */
package io.pgparity.schemadiff;
