/**
 * Where each compared server lives ({@link io.pgparity.config.connection.ConnectionSpec}: a pgjdbc
 * URL and a password kept out of it) and where its password comes from when the job names none:
 * ~/.pgpass or $PGPASSFILE, read with libpq's rules by {@link
 * io.pgparity.config.connection.PasswordResolver}.
 */
package io.pgparity.config.connection;
