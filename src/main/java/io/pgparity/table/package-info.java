/**
 * A table's name and the one place identifiers are quoted for SQL; shared by the job file, the
 * catalog and every report.
 */
package io.pgparity.table;
