/**
 * Schema findings: differences between the two sides' catalogs (constraints, indexes, triggers,
 * row-level security, enum labels, extensions, collation versions), each with its weight. A shared
 * type: the engine produces them, the reports and the verdict read them.
 */
package io.pgparity.finding;
